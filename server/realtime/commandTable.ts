/**
 * Every client→server command event: its runtime schema and its idempotency key. The
 * transport registers exactly these; anything else is an unknown event. Who may send each
 * one is not here but in the one table the rules use too (shared/domain/permissions.ts).
 */
import type { ZodType } from 'zod';
import type { Command } from '../../shared/domain/commands.ts';
import type { Refusal } from '../../shared/domain/decide.ts';
import type { SessionState } from '../../shared/domain/types.ts';
import type { ClientEventName } from '../../shared/protocol/events.ts';
import * as s from '../../shared/protocol/schemas.ts';
import { prepareUpdate } from '../takeaway/docs.ts';

export interface CommandSpec {
  readonly schema: ZodType;
  /** The idempotency key of one operation. Retries of an applied operation are acknowledged, not applied again. */
  readonly opId: (payload: never) => string;
  /** The ack data for a successful command. */
  readonly result?: (state: SessionState, participantId: string | null) => unknown;
  /**
   * Turns a validated participant payload into the command (for what only the server can
   * compute, e.g. applying a Yjs update). Runs in the same turn as `execute`, after authorisation.
   */
  readonly prepare?: (state: SessionState, participantId: string, payload: never) => Command | Refusal;
}

const byOpId = (p: { opId: string }) => p.opId;

export const COMMANDS = {
  // The answer id is chosen by the device, so it is the natural key of "add this answer".
  'answer:add': { schema: s.answerAddSchema, opId: (p: s.AnswerAddPayload) => `add:${p.answerId}` },
  // An edit is identified by its answer and the author's revision number.
  'answer:edit': { schema: s.answerEditSchema, opId: (p: s.AnswerEditPayload) => `edit:${p.answerId}:${p.rev}` },
  'answer:delete': { schema: s.answerDeleteSchema, opId: byOpId },
  'rating:set': { schema: s.ratingSetSchema, opId: byOpId },
  'takeaway:update': {
    schema: s.takeawayUpdateSchema,
    opId: (p: s.TakeawayUpdatePayload) => `yjs:${p.opId}`,
    prepare: prepareUpdate,
  },
  'content:update': { schema: s.contentUpdateSchema, opId: byOpId },
  'settings:update': { schema: s.settingsUpdateSchema, opId: byOpId },
  'groups:form': { schema: s.groupsFormSchema, opId: byOpId },
  'participant:move': { schema: s.participantMoveSchema, opId: byOpId },
  'participant:remove': { schema: s.participantRemoveSchema, opId: byOpId },
  'participant:admit': { schema: s.participantAdmitSchema, opId: byOpId },
  'step:set': { schema: s.stepSetSchema, opId: byOpId },
  'agenda:add': { schema: s.agendaAddSchema, opId: byOpId },
  'agenda:remove': { schema: s.agendaRemoveSchema, opId: byOpId },
  'agenda:move': { schema: s.agendaMoveSchema, opId: byOpId },
  'agenda:edit': { schema: s.agendaEditSchema, opId: byOpId },
  'timer:start': { schema: s.timerStartSchema, opId: byOpId },
  'timer:pause': { schema: s.timerPauseSchema, opId: byOpId },
  'timer:reset': { schema: s.timerResetSchema, opId: byOpId },
  'timer:extend': { schema: s.timerExtendSchema, opId: byOpId },
  'answer:hide': { schema: s.answerHideSchema, opId: byOpId },
  'spotlight:set': { schema: s.spotlightSetSchema, opId: byOpId },
  'session:end': { schema: s.sessionEndSchema, opId: byOpId },
  // drafts:report, takeaway:sync and screen:page are no commands (nothing stored), and the
  // work-package requests are stored apart from the dialogue: socketServer answers them beside the hub.
} satisfies Record<Exclude<ClientEventName, 'session:join' | 'drafts:report' | 'takeaway:sync' | 'screen:page' | `workPackages:${string}`>, CommandSpec>;

export type CommandEventName = keyof typeof COMMANDS;
