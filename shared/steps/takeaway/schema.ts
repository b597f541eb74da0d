/** The takeaway step carries nothing beyond the common step fields. */
export { emptyPayload as takeawayPayload } from '../emptySchema.ts';
