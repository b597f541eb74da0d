/** The content step carries nothing beyond the common step fields. */
export { emptyPayload as contentPayload } from '../emptySchema.ts';
