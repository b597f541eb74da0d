/**
 * The domain model of one live session. This shape is the single source of truth on the
 * server, and the same shape (complete for facilitator and screen, cut down to one group
 * for a participant) is what clients hold and update with the shared `evolve`.
 *
 * Records keyed by server-generated ids (nanoid), so keys can never be `__proto__`.
 */
import type { Language, LateJoinerPolicy, Role, ScoringMode } from '../constants.ts';
import type { Step } from '../steps/index.ts';

export interface Topic {
  readonly id: string;
  readonly title: string;
  readonly description: string;
}

export interface Question {
  readonly id: string;
  readonly text: string;
}

/** What the facilitator may edit before the dialogue starts. */
export interface SessionContent {
  readonly title: string;
  readonly intro: string;
  readonly topics: readonly Topic[];
  readonly questions: readonly Question[];
  readonly takeawayQuestion: string;
  readonly contact: string;
}

export interface SessionSettings {
  /** Groups get targetGroupSize-1 .. targetGroupSize members (default 5 → 4–5). */
  targetGroupSize: number;
  lateJoiners: LateJoinerPolicy;
  locked: boolean;
  language: Language;
  /** Timer length of topic steps derived from content (legacy sessions, topics added in the content editor). */
  topicMinutes: number;
  /** The facilitator's cap on participants (null: only the app's own limit). */
  maxParticipants?: number | null;
  /** The shared screen stops turning its pages (absent: it turns them). */
  screenRotationPaused?: boolean;
  /** The join code and QR corner is hidden on the shared screen (absent: shown). */
  screenJoinHidden?: boolean;
  /** The lobby on the shared screen lists first names as people join (absent: yes). */
  screenLobbyNames?: boolean;
  /** "Deelnemers toelaten": joiners wait until a facilitator admits them (absent: off). */
  admitJoiners?: boolean;
  /**
   * "Scores per persoon": every member scores for themselves and the group's score is the
   * mean ('person'); absent or 'group': the group agrees on one score. Fixed once the first
   * score of the session is given (see decide.ts).
   */
  scoring?: ScoringMode;
}

/** How a session scores; sessions stored before the option score per group. */
export const scoringOf = (settings: SessionSettings): ScoringMode => settings.scoring ?? 'group';

export interface Participant {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly organisation: string;
  readonly joinedAt: number;
  groupId: string | null;
  removed: boolean;
  /** SHA-256 of the device credential the server issued, so a removed person can be blocked from rejoining on it. */
  readonly deviceHash?: string | null;
  /** Joined while the session admits joiners one by one, and not admitted yet: no group, no writing, not on the screen. */
  waiting?: boolean;
}

export interface Group {
  readonly id: string;
  /** 1-based table number shown to people ("groep 3"). */
  readonly number: number;
  memberIds: string[];
}

/** One contribution of one member to one question of one topic. Only its author edits it. */
export interface Answer {
  readonly id: string;
  readonly groupId: string;
  readonly topicId: string;
  readonly questionId: string;
  readonly authorId: string;
  text: string;
  readonly createdAt: number;
  updatedAt: number;
  /** The author's own edit counter: an edit with a rev at or below this one is stale. */
  rev: number;
  /** Hidden from the shared screen by the facilitator (still in exports). */
  hidden: boolean;
}

/**
 * The group's scores for one topic: how it is now, and how we want it (1–5). Scored per
 * group: the one agreed score. Scored per person: the mean of the members' own scores
 * (a fraction, shown with one decimal), with how many people gave each.
 */
export interface Rating {
  readonly groupId: string;
  readonly topicId: string;
  now: number | null;
  want: number | null;
  updatedAt: number;
  updatedBy: string;
  /** Scores per person only: how many members' "now" scores the mean is of. */
  nowCount?: number;
  /** Scores per person only: how many members' "wanted" scores the mean is of. */
  wantCount?: number;
  /** Scores per person only: how many members gave a score (now, wanted or both). */
  people?: number;
}

/**
 * One member's own scores for one topic ("scores per persoon"). It stays with the group it
 * was given in, like an answer: someone moved later scores again in the new group.
 */
export interface PersonRating {
  readonly participantId: string;
  readonly groupId: string;
  readonly topicId: string;
  now: number | null;
  want: number | null;
  updatedAt: number;
}

/**
 * The group's one shared summary: "Wat neem je mee?". Written together as a Yjs Y.Text;
 * this is its merged plain text (what screen, report and exports show), with a counter of
 * the updates folded in and who sent the last one.
 */
export interface Takeaway {
  readonly groupId: string;
  text: string;
  rev: number;
  updatedAt: number;
  updatedBy: string;
}

/**
 * The stored Yjs document of one group's takeaway: the last compacted state (a full
 * Y.encodeStateAsUpdate) and the updates stored since, all base64. Part of the state so
 * that whatever snapshots the state keeps the document too; never sent to clients.
 */
export interface TakeawayDoc {
  base: string | null;
  updates: string[];
}

export type Timer =
  | { readonly status: 'idle'; readonly durationMs: number }
  | { readonly status: 'running'; readonly durationMs: number; readonly endsAt: number }
  | { readonly status: 'paused'; readonly durationMs: number; readonly remainingMs: number };

export interface SessionState {
  readonly id: string;
  readonly code: string;
  readonly createdAt: number;
  content: SessionContent;
  settings: SessionSettings;
  /** The programme: every step of the session, in order (see shared/domain/agenda.ts). */
  agenda: readonly Step[];
  /** Index into `agenda`: where the room is. */
  stepIndex: number;
  timer: Timer;
  participants: Record<string, Participant>;
  /** Ordered by number. */
  groups: Group[];
  answers: Record<string, Answer>;
  /** Keyed by ratingKey(groupId, topicId). */
  ratings: Record<string, Rating>;
  /**
   * Scores per person: ratingKey(groupId, topicId) → participantId → that member's own
   * scores. Absent in old states and in what a shared screen holds (it shows the means).
   */
  personRatings?: Record<string, Record<string, PersonRating>>;
  /** Keyed by groupId. */
  takeaways: Record<string, Takeaway>;
  /** Keyed by groupId: the Yjs documents behind `takeaways`. Server only (views leave it empty); absent in old states. */
  takeawayDocs?: Record<string, TakeawayDoc>;
  spotlightGroupId: string | null;
  endedAt: number | null;
  /** Device hashes of removed participants that may not join again. */
  blockedDevices: string[];
}

export type Actor =
  | { readonly kind: 'facilitator' }
  | { readonly kind: 'participant'; readonly participantId: string }
  /** A socket that has not joined yet: it may only join. */
  | { readonly kind: 'guest' };

export const ratingKey = (groupId: string, topicId: string): string => `${groupId}/${topicId}`;

/** True once anyone gave a score (either way of scoring): from then on the way of scoring is fixed. */
export function hasRatings(state: Pick<SessionState, 'ratings'>): boolean {
  for (const _ in state.ratings) return true;
  return false;
}
