/** The feedback step carries nothing beyond the common step fields. */
export { emptyPayload as feedbackPayload } from '../emptySchema.ts';
