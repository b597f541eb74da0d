/**
 * Every client→server command event: its runtime schema, who may send it, and its
 * idempotency key. The transport registers exactly these; anything else is an unknown event.
 */
import type { ZodType } from 'zod';
import type { SessionState } from '../../shared/domain/types.ts';
import type { ClientEventName, SocketAuth } from '../../shared/protocol/events.ts';
import * as s from '../../shared/protocol/schemas.ts';

type Sender = Exclude<SocketAuth['kind'], 'guest' | 'screen'>;

export interface CommandSpec {
  readonly schema: ZodType;
  readonly sender: Sender;
  /** The idempotency key of one operation. Retries of an applied operation are acknowledged, not applied again. */
  readonly opId: (payload: never) => string;
  /** The ack data for a successful command. */
  readonly result?: (state: SessionState, participantId: string | null) => unknown;
}

const byOpId = (p: { opId: string }) => p.opId;

export const COMMANDS = {
  // The answer id is chosen by the device, so it is the natural key of "add this answer".
  'answer:add': { schema: s.answerAddSchema, sender: 'participant', opId: (p: s.AnswerAddPayload) => `add:${p.answerId}` },
  // An edit is identified by its answer and the author's revision number.
  'answer:edit': { schema: s.answerEditSchema, sender: 'participant', opId: (p: s.AnswerEditPayload) => `edit:${p.answerId}:${p.rev}` },
  'answer:delete': { schema: s.answerDeleteSchema, sender: 'participant', opId: byOpId },
  'rating:set': { schema: s.ratingSetSchema, sender: 'participant', opId: byOpId },
  'takeaway:set': {
    schema: s.takeawaySetSchema,
    sender: 'participant',
    opId: byOpId,
    result: (state: SessionState, participantId: string | null) => {
      const gid = participantId ? state.participants[participantId]?.groupId : null;
      return { rev: gid ? (state.takeaways[gid]?.rev ?? 0) : 0 };
    },
  },
  'content:update': { schema: s.contentUpdateSchema, sender: 'facilitator', opId: byOpId },
  'settings:update': { schema: s.settingsUpdateSchema, sender: 'facilitator', opId: byOpId },
  'groups:form': { schema: s.groupsFormSchema, sender: 'facilitator', opId: byOpId },
  'participant:move': { schema: s.participantMoveSchema, sender: 'facilitator', opId: byOpId },
  'participant:remove': { schema: s.participantRemoveSchema, sender: 'facilitator', opId: byOpId },
  'step:set': { schema: s.stepSetSchema, sender: 'facilitator', opId: byOpId },
  'timer:start': { schema: s.timerStartSchema, sender: 'facilitator', opId: byOpId },
  'timer:pause': { schema: s.timerPauseSchema, sender: 'facilitator', opId: byOpId },
  'timer:reset': { schema: s.timerResetSchema, sender: 'facilitator', opId: byOpId },
  'timer:extend': { schema: s.timerExtendSchema, sender: 'facilitator', opId: byOpId },
  'answer:hide': { schema: s.answerHideSchema, sender: 'facilitator', opId: byOpId },
  'spotlight:set': { schema: s.spotlightSetSchema, sender: 'facilitator', opId: byOpId },
  'session:end': { schema: s.sessionEndSchema, sender: 'facilitator', opId: byOpId },
  // drafts:report is no command (nothing stored): socketServer answers it beside the hub.
} satisfies Record<Exclude<ClientEventName, 'session:join' | 'drafts:report'>, CommandSpec>;

export type CommandEventName = keyof typeof COMMANDS;
