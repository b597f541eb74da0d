/** Plain data shapes the presentational operator components take as props, and the page size they share. */
import type { Role } from '../../../../shared/constants.ts';
import type { LateJoinerPolicy } from '../../../../shared/constants.ts';
import type { PresenceStatus } from '../../../../shared/protocol/events.ts';

export interface MemberView {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly organisation: string;
}

export interface GroupView {
  readonly id: string;
  /** 1-based table number. */
  readonly number: number;
  readonly members: readonly MemberView[];
}

export interface GroupSettingsPatch {
  targetGroupSize?: number;
  lateJoiners?: LateJoinerPolicy;
}

/**
 * What a command callback may return: nothing, or (a promise of) an error message to show
 * next to the control, or null when it went well.
 */
export type CommandResult = void | string | null | Promise<void | string | null>;

/** One bar pair of a gap chart: how it is now and how we want it, 1–5 (or averages). */
export interface GapRow {
  readonly id: string;
  readonly label: string;
  /** A short line under the label (scores per person: how many of the group gave a score). */
  readonly note?: string;
  readonly now: number | null;
  readonly want: number | null;
}

/** One group's progress on one topic, for the facilitator's progress table. */
export interface TopicProgressRow {
  readonly groupId: string;
  readonly number: number;
  /** questionId → number of answers. */
  readonly answered: Readonly<Record<string, number>>;
  readonly now: number | null;
  readonly want: number | null;
  /** Scores per person: how many of the group gave a score, and its members (absent per group). */
  readonly people?: { readonly count: number; readonly members: number };
}

/** One row of the facilitator's participant list. */
export interface ParticipantRow extends MemberView {
  readonly groupNumber: number | null;
  /** Waits to be let in ("deelnemers toelaten"). */
  readonly waiting: boolean;
  readonly presence: PresenceStatus;
}

export interface AnswerView {
  readonly id: string;
  readonly text: string;
  readonly hidden: boolean;
  readonly author: string;
}

/** Groups per page in the progress tables: 25 rows fit a laptop screen and stay quick at 400 groups. */
export const PROGRESS_PAGE_SIZE = 25;
