/** Types shared by the participant's components and its session object. */
import type { Role } from '../../../shared/constants.ts';

export interface JoinValues {
  readonly code: string;
  readonly name: string;
  readonly role: Role;
  readonly organisation: string;
}

export type JoinField = 'code' | 'name' | 'role' | 'organisation';

export type JoinOutcome = { readonly ok: true } | { readonly ok: false; readonly message: string; readonly field?: JoinField };

/** One answer as the phone shows it: the server's version with this device's unsent changes on top. */
export interface AnswerView {
  readonly id: string;
  readonly authorName: string;
  readonly text: string;
  readonly own: boolean;
  /** Added or changed on this device and not yet acknowledged. */
  readonly pending: boolean;
  /** Hidden from the shared screen by the facilitator. */
  readonly hidden: boolean;
}

export interface RatingView {
  /** Scored per group: the group's one score; per person: this member's own. */
  readonly now: number | null;
  readonly want: number | null;
  /** Scored per group: who last changed the group's score. */
  readonly lastBy: string | null;
  readonly pending: boolean;
  /** Scored per person ("scores per persoon"): the group's means and how many of its members gave a score; null per group. */
  readonly group: GroupScoreView | null;
}

/** The group's side of scores per person, as a phone shows it beside the member's own score. */
export interface GroupScoreView {
  readonly now: number | null;
  readonly want: number | null;
  /** Members who gave a score (now, wanted or both). */
  readonly people: number;
  /** Members of the group now. */
  readonly members: number;
}

export type RatingScale = 'now' | 'want';

export interface MemberView {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly organisation: string;
}

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** An answer typed on this device but not added: it lives only in the phone's storage. */
export interface UnsentDraft {
  readonly topicId: string;
  readonly topicIndex: number;
  readonly topicTitle: string;
  readonly questionId: string;
  readonly questionText: string;
  readonly text: string;
}
