/**
 * The scores of one session as programme insight (shared/report/programme.ts) reads them:
 * "rating observations", one per scorer and characteristic. Today a group scores together,
 * so one observation is one group's now/wanted on one characteristic, standing for its
 * members (`people`, and how many of them have each role). When each person scores for
 * themselves (issue 12's "scores per persoon"), this is the one place to change: one
 * observation per person, `people: 1`, `roles` that person's role.
 *
 * Pure and platform-free. Never names or organisations: only counts of roles.
 */
import type { Role } from '../constants.ts';
import type { RoleCounts, SessionReport } from './model.ts';

export interface RatingObservation {
  readonly groupId: string;
  readonly topicId: string;
  readonly now: number | null;
  readonly want: number | null;
  /** How many people this score stands for (a group's members; 1 for a personal score). */
  readonly people: number;
  /** Those people per role. */
  readonly roles: RoleCounts;
}

/** A characteristic as a session names it (the programme lines sessions up by its id). */
export interface ObservedTopic {
  readonly topicId: string;
  readonly number: number;
  readonly title: string;
}

/** What programme insight needs of one session. */
export interface SessionObservations {
  readonly sessionId: string;
  /** When the session was held (its creation), ms since the epoch. */
  readonly at: number;
  readonly topics: readonly ObservedTopic[];
  readonly observations: readonly RatingObservation[];
}

const noRoles: RoleCounts = { opdrachtgever: 0, opdrachtnemer: 0, anders: 0 };

/** Every score of a session's report as observations; groups without a score are left out. */
export function ratingObservations(report: SessionReport): RatingObservation[] {
  const members = new Map(report.groups.map((g) => [g.groupId, g]));
  const out: RatingObservation[] = [];
  for (const topic of report.topics) {
    for (const g of topic.groups) {
      if (g.now === null && g.want === null) continue;
      const info = members.get(g.groupId);
      // A group that no longer exists (its members moved away) stands for nobody we can count.
      out.push({ groupId: g.groupId, topicId: topic.topicId, now: g.now, want: g.want, people: info?.members ?? 0, roles: info?.roles ?? noRoles });
    }
  }
  return out;
}

export function sessionObservations(sessionId: string, report: SessionReport): SessionObservations {
  return {
    sessionId,
    at: report.createdAt,
    topics: report.topics.map((t) => ({ topicId: t.topicId, number: t.number, title: t.title })),
    observations: ratingObservations(report),
  };
}

/** How many of an observation's people have `role`. */
export const peopleWithRole = (o: RatingObservation, role: Role): number => o.roles[role];
