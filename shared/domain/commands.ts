/**
 * Commands: what an actor asks for. Client payload types come from the runtime schemas;
 * the server adds what only it may choose (new ids, the grouping seed) before `decide`.
 */
import type {
  AgendaAddPayload,
  AgendaEditPayload,
  AgendaMovePayload,
  AgendaRemovePayload,
  AnswerAddPayload,
  AnswerDeletePayload,
  AnswerEditPayload,
  AnswerHidePayload,
  ContentUpdatePayload,
  GroupsFormPayload,
  JoinPayload,
  ParticipantMovePayload,
  ParticipantAdmitPayload,
  ParticipantRemovePayload,
  RatingSetPayload,
  SettingsUpdatePayload,
  SpotlightSetPayload,
  StepSetPayload,
  TimerExtendPayload,
  TimerStartPayload,
} from '../protocol/schemas.ts';

type Op = { readonly opId: string };

export type Command =
  | ({ readonly type: 'participant:join'; readonly participantId: string; readonly deviceHash?: string | null } & Omit<JoinPayload, 'code' | 'deviceId'>)
  | ({ readonly type: 'answer:add' } & AnswerAddPayload)
  | ({ readonly type: 'answer:edit' } & AnswerEditPayload)
  | ({ readonly type: 'answer:delete' } & AnswerDeletePayload)
  | ({ readonly type: 'rating:set' } & RatingSetPayload)
  /**
   * Built by the server from a validated `takeaway:update` message after it applied the Yjs
   * update to a copy of the document: `update` is null when it brought nothing new.
   */
  | {
      readonly type: 'takeaway:update';
      readonly opId: string;
      readonly groupId: string;
      readonly update: string | null;
      readonly text: string;
      readonly compacted: string | null;
    }
  | ({ readonly type: 'content:update' } & ContentUpdatePayload)
  | ({ readonly type: 'settings:update' } & SettingsUpdatePayload)
  | ({ readonly type: 'groups:form'; readonly seed: string } & GroupsFormPayload)
  | ({ readonly type: 'participant:move' } & ParticipantMovePayload)
  | ({ readonly type: 'participant:remove' } & ParticipantRemovePayload)
  | ({ readonly type: 'participant:admit' } & ParticipantAdmitPayload)
  | ({ readonly type: 'step:set' } & StepSetPayload)
  | ({ readonly type: 'agenda:add' } & AgendaAddPayload)
  | ({ readonly type: 'agenda:remove' } & AgendaRemovePayload)
  | ({ readonly type: 'agenda:move' } & AgendaMovePayload)
  | ({ readonly type: 'agenda:edit' } & AgendaEditPayload)
  | ({ readonly type: 'timer:start' } & TimerStartPayload)
  | ({ readonly type: 'timer:pause' } & Op)
  | ({ readonly type: 'timer:reset' } & Op)
  | ({ readonly type: 'timer:extend' } & TimerExtendPayload)
  | ({ readonly type: 'answer:hide' } & AnswerHidePayload)
  | ({ readonly type: 'spotlight:set' } & SpotlightSetPayload)
  | ({ readonly type: 'session:end' } & Op);

export type CommandType = Command['type'];
