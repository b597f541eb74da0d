/**
 * Constants shared by server and client. `as const` objects with derived unions,
 * never enums: they survive JSON, tree-shake, and read the same on both sides.
 */

export const ROLES = ['opdrachtgever', 'opdrachtnemer', 'anders'] as const;
export type Role = (typeof ROLES)[number];

/** Join codes: Crockford base32 (no I, L, O, U), 6 characters = exactly 30 bits. */
export const JOIN_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const JOIN_CODE_LENGTH = 6;

/** What late joiners get once groups exist. */
export const LATE_JOINER_POLICIES = ['smallest', 'lobby'] as const;
export type LateJoinerPolicy = (typeof LATE_JOINER_POLICIES)[number];

/**
 * Who gives the now/wanted score of a characteristic: the group agrees on one ('group', the
 * default), or every member gives their own and the group's score is their mean ('person',
 * "scores per persoon").
 */
export const SCORING_MODES = ['group', 'person'] as const;
export type ScoringMode = (typeof SCORING_MODES)[number];

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Field limits, counted in characters (code points). Enforced by the server schemas and mirrored as maxlength in the UI. */
export const LIMITS = {
  name: 60,
  organisation: 80,
  answer: 2000,
  takeaway: 4000,
  /** One Yjs update of the group's takeaway, in bytes (a frame is at most 64 KB). */
  takeawayUpdateBytes: 32_000,
  /** A Yjs state vector: a few bytes per writer. */
  takeawayStateVectorBytes: 4_000,
  /** The whole takeaway document (compacted), in bytes: a bound on what hostile updates can pile up. */
  takeawayDocBytes: 256_000,
  /**
   * Answers one participant may add to one question of one characteristic: far more than a
   * person writes in a dialogue, small enough that one participant cannot fill the disk.
   */
  answersPerQuestion: 30,
  title: 120,
  topicTitle: 120,
  topicDescription: 1000,
  question: 300,
  topics: 20,
  questions: 6,
  groupSizeMin: 2,
  groupSizeMax: 12,
  timerMaxSeconds: 4 * 60 * 60,
  /** Agenda: number of steps, step texts, and a step's timer length in minutes. */
  steps: 60,
  stepTitle: 120,
  stepBody: 3000,
  stepNotes: 4000,
  stepMinutes: 240,
  /** "Minuten per kenmerk": the default length of the topic steps. */
  topicMinutes: 120,
  participantsPerSession: 5000,
} as const;

export const RATING_MIN = 1;
export const RATING_MAX = 5;

/** Named timeouts of the presence lifecycle (see server/sessions/presence.ts). */
export const TIMEOUTS = {
  /** A participant whose last socket closed is shown as "weg" after this long. */
  presenceGraceMs: 30_000,
} as const;

export const DEFAULT_TOPIC_MINUTES = 10;

/** Name of the Y.Text that holds a group's takeaway inside its Y.Doc (the only shared type in that doc). */
export const TAKEAWAY_YTEXT = 'takeaway';
