/**
 * Programme insight: the scores of many sessions (a programme, e.g. "Stevige lokale teams
 * 2026") per characteristic: how many sessions, groups and people, the mean now / wanted and
 * the gap (wanted − now), the spread of the scores 1–5, and the trend per session date.
 * Filters: a period (from/to, dates in Europe/Amsterdam, both ends included) and a role.
 *
 * Anonymous by construction: only aggregates leave this function, and every cell (a
 * characteristic's row, a point of its trend) that rests on fewer than MIN_GROUPS groups
 * or MIN_PEOPLE people is replaced by `{ hidden: true }`: its numbers are never in the
 * result, so they never reach a page or a file.
 *
 * The role filter: with group scores, a score counts for a role when its group had people
 * of that role, and the people counted are the people of that role; in a session scored per
 * person, a score counts when its scorer has that role (see observations.ts).
 *
 * Pure and platform-free; built from each session's observations (observations.ts).
 */
import { ROLES, type Role } from '../constants.ts';
import type { RatingObservation, SessionObservations } from './observations.ts';

export const MIN_GROUPS = 3;
export const MIN_PEOPLE = 5;

export interface ProgrammeFilters {
  /** First day included, YYYY-MM-DD (Dutch time); null: from the start. */
  readonly from: string | null;
  /** Last day included, YYYY-MM-DD; null: up to now. */
  readonly to: string | null;
  readonly role: Role | null;
}

export const NO_FILTERS: ProgrammeFilters = { from: null, to: null, role: null };

/** A hidden cell: too little data to show without pointing at a group or a person. */
export interface HiddenCell {
  readonly hidden: true;
}

export interface Figures {
  readonly hidden: false;
  readonly sessions: number;
  readonly groups: number;
  readonly people: number;
  /** Means over the scores given (each group once), rounded to one decimal; null when none. */
  readonly now: number | null;
  readonly want: number | null;
  /** want − now of the rounded means; null without both. */
  readonly gap: number | null;
}

export interface TopicFigures extends Figures {
  /** How many scores of 1–5 (index 0 = score 1) were given, now and wanted. */
  readonly distribution: { readonly now: readonly number[]; readonly want: readonly number[] };
}

export interface TrendPoint {
  /** The session day, YYYY-MM-DD (Dutch time). */
  readonly date: string;
  readonly cell: Figures | HiddenCell;
}

export interface ProgrammeTopic {
  readonly topicId: string;
  /** Its place among the characteristics (as the sessions number them). */
  readonly number: number;
  readonly title: string;
  readonly cell: TopicFigures | HiddenCell;
  /** Per session day with scores on it, oldest first. */
  readonly trend: readonly TrendPoint[];
}

export interface ProgrammeInsight {
  readonly filters: ProgrammeFilters;
  readonly minGroups: number;
  readonly minPeople: number;
  /** Sessions in the programme, and those in the period. */
  readonly sessionsTotal: number;
  readonly sessionsIncluded: number;
  /** The session days in the period, oldest first. */
  readonly dates: readonly string[];
  /** Largest gap first; cells without a gap next; hidden cells last (each group in characteristic order). */
  readonly topics: readonly ProgrammeTopic[];
}

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });
/** The day of a moment in Dutch time, YYYY-MM-DD. */
export const amsterdamDay = (ms: number): string => dayFormat.format(new Date(ms));

const round1 = (n: number): number => Math.round(n * 10) / 10;
const meanOf = (xs: readonly number[]): number | null => (xs.length ? round1(xs.reduce((a, b) => a + b, 0) / xs.length) : null);

/** The people an observation counts for under the role filter (0: it does not count). */
const peopleFor = (o: RatingObservation, role: Role | null): number => (role === null ? o.people : o.roles[role]);

interface Tally {
  sessions: Set<string>;
  groups: Set<string>;
  people: number;
  nows: number[];
  wants: number[];
  dist: { now: number[]; want: number[] };
}
const tally = (): Tally => ({ sessions: new Set(), groups: new Set(), people: 0, nows: [], wants: [], dist: { now: [0, 0, 0, 0, 0], want: [0, 0, 0, 0, 0] } });

function add(t: Tally, sessionId: string, o: RatingObservation, people: number): void {
  t.sessions.add(sessionId);
  t.groups.add(`${sessionId}\u0000${o.groupId}`);
  t.people += people;
  if (o.now !== null) {
    t.nows.push(o.now);
    if (o.now >= 1 && o.now <= 5) t.dist.now[o.now - 1]!++;
  }
  if (o.want !== null) {
    t.wants.push(o.want);
    if (o.want >= 1 && o.want <= 5) t.dist.want[o.want - 1]!++;
  }
}

/** Whether a cell resting on these many groups and people may be shown. */
export const showable = (groups: number, people: number): boolean => groups >= MIN_GROUPS && people >= MIN_PEOPLE;

function figures(t: Tally): Figures | HiddenCell {
  if (!showable(t.groups.size, t.people)) return { hidden: true };
  const now = meanOf(t.nows);
  const want = meanOf(t.wants);
  return { hidden: false, sessions: t.sessions.size, groups: t.groups.size, people: t.people, now, want, gap: now !== null && want !== null ? round1(want - now) : null };
}

/** Whether a session day lies in the period. */
const inPeriod = (day: string, f: ProgrammeFilters): boolean => (f.from === null || day >= f.from) && (f.to === null || day <= f.to);

export function buildProgrammeInsight(sessions: readonly SessionObservations[], filters: ProgrammeFilters = NO_FILTERS): ProgrammeInsight {
  const included = sessions.filter((s) => inPeriod(amsterdamDay(s.at), filters));
  // Characteristics by id: the lowest number and the title of the latest session that has it.
  const names = new Map<string, { number: number; title: string; at: number }>();
  for (const s of sessions) {
    for (const t of s.topics) {
      const known = names.get(t.topicId);
      if (!known) names.set(t.topicId, { number: t.number, title: t.title, at: s.at });
      else names.set(t.topicId, { number: Math.min(known.number, t.number), title: s.at >= known.at ? t.title : known.title, at: Math.max(known.at, s.at) });
    }
  }

  const totals = new Map<string, Tally>();
  const byDay = new Map<string, Map<string, Tally>>();
  const dates = new Set<string>();
  for (const s of included) {
    const day = amsterdamDay(s.at);
    dates.add(day);
    for (const o of s.observations) {
      const people = peopleFor(o, filters.role);
      if (filters.role !== null && people === 0) continue;
      let total = totals.get(o.topicId);
      if (!total) totals.set(o.topicId, (total = tally()));
      add(total, s.sessionId, o, people);
      let days = byDay.get(o.topicId);
      if (!days) byDay.set(o.topicId, (days = new Map()));
      let point = days.get(day);
      if (!point) days.set(day, (point = tally()));
      add(point, s.sessionId, o, people);
    }
  }

  const topics: ProgrammeTopic[] = [...totals.entries()].map(([topicId, t]) => {
    const name = names.get(topicId) ?? { number: Number.MAX_SAFE_INTEGER, title: topicId };
    const shown = figures(t);
    const cell: TopicFigures | HiddenCell = shown.hidden ? shown : { ...shown, distribution: { now: t.dist.now, want: t.dist.want } };
    const trend = [...(byDay.get(topicId) ?? new Map<string, Tally>()).entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, p]) => ({ date, cell: figures(p) }));
    return { topicId, number: name.number, title: name.title, cell, trend };
  });
  const rank = (x: ProgrammeTopic): number => (x.cell.hidden ? 2 : x.cell.gap === null ? 1 : 0);
  topics.sort((a, b) => {
    const ga = a.cell.hidden ? null : a.cell.gap;
    const gb = b.cell.hidden ? null : b.cell.gap;
    return rank(a) - rank(b) || (gb ?? 0) - (ga ?? 0) || a.number - b.number || a.title.localeCompare(b.title);
  });

  return {
    filters,
    minGroups: MIN_GROUPS,
    minPeople: MIN_PEOPLE,
    sessionsTotal: sessions.length,
    sessionsIncluded: included.length,
    dates: [...dates].sort(),
    topics,
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Filters from a query string's values; anything not understood is no filter. */
export function parseFilters(q: { from?: unknown; to?: unknown; role?: unknown }): ProgrammeFilters {
  const day = (v: unknown): string | null => (typeof v === 'string' && DAY.test(v) && !Number.isNaN(Date.parse(v)) ? v : null);
  const role = typeof q.role === 'string' && (ROLES as readonly string[]).includes(q.role) ? (q.role as Role) : null;
  return { from: day(q.from), to: day(q.to), role };
}
