/**
 * "Unsent text": a phone tells the server how many answers are typed on it but not added
 * (drafts). The facilitator sees, per group, how many members have such text, so they
 * can wait a moment or remind the room before moving on. Not persisted: like presence,
 * it is about devices, and a phone says it again after every (re)connect.
 */
import { z } from 'zod';
import { LIMITS } from '../constants.ts';

/** More drafts than there are topic × question boxes is impossible; the cap keeps the number small and honest. */
export const MAX_UNSENT_DRAFTS = LIMITS.topics * LIMITS.questions;

/** Phone → server, `drafts:report`: the number of its unsent drafts (debounced, sent only when it changes). */
export const draftsReportSchema = z.strictObject({
  count: z.number().int().min(0).max(MAX_UNSENT_DRAFTS),
});
export type DraftsReportPayload = z.infer<typeof draftsReportSchema>;

/** Server → facilitators: how many members of a group have unsent text now. */
export interface UnsentChange {
  readonly groupId: string;
  readonly members: number;
}
