/**
 * Domain events: the facts that `decide` produces and `evolve` folds into state. They are
 * what the server persists (one commit per command) and what it forwards to clients, so
 * replaying them rebuilds a session exactly, on the server after a restart and in the
 * facilitator's browser alike. Events carry every id and time they need: `evolve` never
 * generates anything.
 */
import type { Step } from '../steps/index.ts';
import type { Answer, Group, Participant, PersonRating, Rating, SessionContent, SessionSettings, Takeaway, Timer } from './types.ts';

export type DomainEvent =
  | {
      readonly type: 'session.created';
      readonly id: string;
      readonly code: string;
      readonly at: number;
      readonly content: SessionContent;
      readonly settings: SessionSettings;
      /** The agenda. Absent in sessions stored before agendas were data: derived on load (legacyAgenda). */
      readonly steps?: readonly Step[];
    }
  /** The whole agenda replaced (topic steps following an edit of the content). */
  | { readonly type: 'agenda.set'; readonly steps: readonly Step[] }
  | { readonly type: 'step.added'; readonly index: number; readonly step: Step }
  | { readonly type: 'step.removed'; readonly stepId: string }
  | { readonly type: 'step.moved'; readonly stepId: string; readonly to: number }
  | {
      readonly type: 'step.edited';
      readonly stepId: string;
      readonly patch: { readonly title?: string; readonly body?: string; readonly notes?: string; readonly minutes?: number };
    }
  | { readonly type: 'content.updated'; readonly content: SessionContent }
  | { readonly type: 'settings.updated'; readonly settings: Partial<SessionSettings> }
  | { readonly type: 'participant.joined'; readonly participant: Participant }
  | { readonly type: 'participant.removed'; readonly participantId: string; readonly blockDevice?: boolean }
  | { readonly type: 'groups.formed'; readonly groups: readonly Group[] }
  | { readonly type: 'participant.moved'; readonly participantId: string; readonly groupId: string | null }
  /** A waiting joiner let in, with their record as it now is (in a group or the lobby): screens and groups see them from here on. */
  | { readonly type: 'participant.admitted'; readonly participant: Participant }
  | { readonly type: 'step.changed'; readonly stepIndex: number; readonly timer: Timer }
  | { readonly type: 'timer.changed'; readonly timer: Timer }
  | { readonly type: 'answer.added'; readonly answer: Answer }
  | { readonly type: 'answer.edited'; readonly answerId: string; readonly text: string; readonly rev: number; readonly at: number }
  | { readonly type: 'answer.deleted'; readonly answerId: string }
  | { readonly type: 'answer.hidden'; readonly answerId: string; readonly hidden: boolean }
  /**
   * The group's scores for a topic. Scored per person, `rating` is the new mean and `person`
   * the member's own score that changed it (absent for group scores, and in what a shared
   * screen gets).
   */
  | { readonly type: 'rating.set'; readonly rating: Rating; readonly person?: PersonRating }
  /** Sessions before the collaborative takeaway: a whole text at once. Still folded in, never produced. */
  | { readonly type: 'takeaway.set'; readonly takeaway: Takeaway }
  /**
   * One stored Yjs update (base64) of a group's takeaway and the merged plain text after it.
   * Clients get it without `update` (phones get the bytes as `takeaway:update`).
   */
  | {
      readonly type: 'takeaway.updated';
      readonly groupId: string;
      readonly update?: string;
      readonly text: string;
      readonly at: number;
      readonly by: string;
    }
  /** The group's takeaway document compacted into one state (base64 Y.encodeStateAsUpdate); replaces the updates before it. */
  | { readonly type: 'takeaway.compacted'; readonly groupId: string; readonly doc: string }
  | { readonly type: 'spotlight.set'; readonly groupId: string | null }
  | { readonly type: 'session.ended'; readonly at: number };

export type DomainEventType = DomainEvent['type'];
