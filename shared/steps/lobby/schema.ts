/** The lobby step carries nothing beyond the common step fields. */
export { emptyPayload as lobbyPayload } from '../emptySchema.ts';
