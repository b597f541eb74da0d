/** The topic step names one topic of the session's content. */
import { z } from 'zod';

export const topicPayload = z.strictObject({ topicId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'ongeldige id') });
export type TopicPayload = z.infer<typeof topicPayload>;
