/** The payload of kinds that carry nothing beyond the common step fields. */
import { z } from 'zod';

export const emptyPayload = z.strictObject({});
export type EmptyPayload = z.infer<typeof emptyPayload>;
