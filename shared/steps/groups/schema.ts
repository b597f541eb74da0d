/** The groups step carries nothing beyond the common step fields. */
export { emptyPayload as groupsPayload } from '../emptySchema.ts';
