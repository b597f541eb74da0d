/**
 * The scores of one session as programme insight (shared/report/programme.ts) reads them:
 * "rating observations", one per scorer and characteristic.
 *   - Scored per group (the default): one observation is one group's now/wanted on one
 *     characteristic, standing for its members (`people`, and how many of them have each role).
 *   - Scored per person (issue 12's "scores per persoon"): one observation per person's own
 *     score, `people: 1`, `roles` that person's role (none counted when their record is gone),
 *     in the group they scored in. The role filter then reads the scorer's own role.
 * A programme may mix both kinds of session: its means are then over groups and people alike.
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
  if (report.scoring === 'person') return personObservations(report);
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

/** Scored per person: every person's own score, with their role. */
function personObservations(report: SessionReport): RatingObservation[] {
  const out: RatingObservation[] = [];
  for (const topic of report.topics) {
    for (const p of topic.personScores) {
      if (p.now === null && p.want === null) continue;
      out.push({ groupId: p.groupId, topicId: topic.topicId, now: p.now, want: p.want, people: 1, roles: p.role ? { ...noRoles, [p.role]: 1 } : noRoles });
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
