/**
 * The payload schema of every step kind (each in shared/steps/<kind>/schema.ts), for the
 * protocol's validation. Only the server and the facilitator's tools import this: the
 * domain rules in index.ts stay free of zod, so the phone bundle does not carry it.
 */
import { closingPayload } from './closing/schema.ts';
import { contentPayload } from './content/schema.ts';
import { feedbackPayload } from './feedback/schema.ts';
import { groupsPayload } from './groups/schema.ts';
import { lobbyPayload } from './lobby/schema.ts';
import { takeawayPayload } from './takeaway/schema.ts';
import { topicPayload } from './topic/schema.ts';

export const STEP_PAYLOADS = {
  lobby: lobbyPayload,
  content: contentPayload,
  groups: groupsPayload,
  topic: topicPayload,
  takeaway: takeawayPayload,
  feedback: feedbackPayload,
  closing: closingPayload,
} as const;
