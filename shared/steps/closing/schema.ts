/** The closing step carries nothing beyond the common step fields. */
export { emptyPayload as closingPayload } from '../emptySchema.ts';
