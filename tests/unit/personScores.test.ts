/**
 * "Scores per persoon" (issue 12): every member gives their own now/wanted score and the
 * group's score is their mean. Table-driven like decide.test.ts: a state built from events,
 * a command, then events or a refusal; and decide + evolve for the means.
 */
import { describe, expect, it } from 'vitest';
import { decide, type DecideContext } from '../../shared/domain/decide.ts';
import type { Command } from '../../shared/domain/commands.ts';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { evolve, replay } from '../../shared/domain/evolve.ts';
import { eventFor, participantView, ratingSummaries, screenView } from '../../shared/domain/views.ts';
import { scoringOf, type Actor, type Participant, type SessionSettings, type SessionState } from '../../shared/domain/types.ts';
import { settingsUpdateSchema, ratingSetSchema, createSessionSchema } from '../../shared/protocol/schemas.ts';
import { TEMPLATES } from '../../shared/templates.ts';
import { buildSessionReport } from '../../shared/report/model.ts';
import { reportMarkdown } from '../../server/export/markdown.ts';
import { csvRows } from '../../server/export/csv.ts';
import type { Role } from '../../shared/constants.ts';

const T0 = 1_000_000;
const facilitator: Actor = { kind: 'facilitator' };
const as = (participantId: string): Actor => ({ kind: 'participant', participantId });
const ctx = (actor: Actor, now = T0 + 1000): DecideContext => ({ actor, now, newId: () => 'id' });

/** The settings of a session stored before the option existed: no `scoring`. */
const oldSettings: SessionSettings = { targetGroupSize: 5, lateJoiners: 'smallest', locked: false, language: 'nl', topicMinutes: 10 };

const person = (id: string, role: Role, groupId: string | null = null): Participant => ({
  id,
  name: `Naam ${id}`,
  role,
  organisation: `Org ${id}`,
  joinedAt: T0,
  groupId,
  removed: false,
});

/** 9 people: g1 (p1–p4), g2 (p5–p8), p9 in the lobby (no group). Scoring as given (absent: an old session). */
function events(scoring?: 'group' | 'person', extra: DomainEvent[] = []): DomainEvent[] {
  const people = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9'].map((id, i) => person(id, i % 2 ? 'opdrachtnemer' : 'opdrachtgever'));
  return [
    { type: 'session.created', id: 's1', code: 'ABC234', at: T0, content: TEMPLATES[0].content, settings: scoring ? { ...oldSettings, scoring } : oldSettings },
    ...people.map((participant): DomainEvent => ({ type: 'participant.joined', participant })),
    {
      type: 'groups.formed',
      groups: [
        { id: 'g1', number: 1, memberIds: ['p1', 'p2', 'p3', 'p4'] },
        { id: 'g2', number: 2, memberIds: ['p5', 'p6', 'p7', 'p8'] },
      ],
    },
    { type: 'step.changed', stepIndex: 2, timer: { status: 'idle', durationMs: 600_000 } },
    ...extra,
  ];
}
const stateOf = (scoring?: 'group' | 'person', extra: DomainEvent[] = []): SessionState => replay(events(scoring, extra))!;

function run(state: SessionState, actor: Actor, command: Command, now = T0 + 1000): DomainEvent[] {
  const d = decide(state, command, ctx(actor, now));
  if (!d.ok) throw new Error(`refused: ${d.code}`);
  for (const e of d.events) evolve(state, e);
  return [...d.events];
}

const rate = (opId: string, scores: { now?: number | null; want?: number | null }, topicId = 'k1'): Command => ({ type: 'rating:set', opId, topicId, ...scores });

const groupRating = (): DomainEvent => ({ type: 'rating.set', rating: { groupId: 'g1', topicId: 'k1', now: 3, want: 4, updatedAt: T0, updatedBy: 'p1' } });

type Row = { name: string; state: () => SessionState; actor: Actor; command: Command; expect: string | DomainEvent['type'][] };

const rows: Row[] = [
  { name: 'a member gives their own score', state: () => stateOf('person'), actor: as('p1'), command: rate('o1', { now: 2 }), expect: ['rating.set'] },
  { name: 'someone without a group cannot score', state: () => stateOf('person'), actor: as('p9'), command: rate('o1', { now: 2 }), expect: 'conflict' },
  { name: 'an unknown characteristic is refused', state: () => stateOf('person'), actor: as('p1'), command: rate('o1', { now: 2 }, 'nope'), expect: 'not_found' },
  { name: 'the facilitator does not score', state: () => stateOf('person'), actor: facilitator, command: rate('o1', { now: 2 }), expect: 'forbidden' },
  {
    name: 'the facilitator may switch to scores per person before any score',
    state: () => stateOf(),
    actor: facilitator,
    command: { type: 'settings:update', opId: 'o', settings: { scoring: 'person' } },
    expect: ['settings.updated'],
  },
  {
    name: 'and back to group scores, still before any score',
    state: () => stateOf('person'),
    actor: facilitator,
    command: { type: 'settings:update', opId: 'o', settings: { scoring: 'group' } },
    expect: ['settings.updated'],
  },
  {
    name: 'switching after the first score (a group score) is refused',
    state: () => stateOf('group', [groupRating()]),
    actor: facilitator,
    command: { type: 'settings:update', opId: 'o', settings: { scoring: 'person' } },
    expect: 'conflict',
  },
  {
    name: 'switching an old session (no scoring setting) after its first score is refused',
    state: () => stateOf(undefined, [groupRating()]),
    actor: facilitator,
    command: { type: 'settings:update', opId: 'o', settings: { scoring: 'person' } },
    expect: 'conflict',
  },
  {
    name: 'sending the mode it already has, with other settings, is fine after scores',
    state: () => stateOf('group', [groupRating()]),
    actor: facilitator,
    command: { type: 'settings:update', opId: 'o', settings: { scoring: 'group', language: 'en' } },
    expect: ['settings.updated'],
  },
];

describe('scores per person: the rules', () => {
  it.each(rows)('$name', ({ state, actor, command, expect: expected }) => {
    const s = state();
    const before = JSON.stringify(s);
    const decision = decide(s, command, ctx(actor));
    if (typeof expected === 'string') expect(decision).toMatchObject({ ok: false, code: expected });
    else {
      expect(decision.ok).toBe(true);
      if (decision.ok) expect(decision.events.map((e) => e.type)).toEqual(expected);
    }
    expect(JSON.stringify(s)).toBe(before);
  });

  it('the refusal to switch says why, in the dictionary', () => {
    const s = stateOf('person');
    run(s, as('p1'), rate('o1', { now: 2 }));
    expect(decide(s, { type: 'settings:update', opId: 'o', settings: { scoring: 'group' } }, ctx(facilitator))).toMatchObject({ ok: false, key: 'error.scoringLocked' });
    expect(scoringOf(s.settings)).toBe('person');
  });
});

describe('scores per person: decide + evolve', () => {
  it('each member keeps their own score; the group has the mean and how many gave one', () => {
    const s = stateOf('person');
    run(s, as('p1'), rate('o1', { now: 2, want: 4 }));
    run(s, as('p2'), rate('o2', { now: 3 }));
    run(s, as('p3'), rate('o3', { now: 5, want: 5 }));
    expect(s.personRatings!['g1/k1']).toMatchObject({
      p1: { now: 2, want: 4, groupId: 'g1' },
      p2: { now: 3, want: null },
      p3: { now: 5, want: 5 },
    });
    expect(s.ratings['g1/k1']).toMatchObject({ now: 10 / 3, want: 4.5, nowCount: 3, wantCount: 2, people: 3, updatedBy: 'p3' });
    // A member changes one scale: the other stays, the mean follows.
    run(s, as('p1'), rate('o4', { now: 5 }));
    expect(s.personRatings!['g1/k1']!.p1).toMatchObject({ now: 5, want: 4 });
    expect(s.ratings['g1/k1']).toMatchObject({ now: 13 / 3, want: 4.5, nowCount: 3 });
    // Clearing one's score takes it out of the mean.
    run(s, as('p3'), rate('o5', { now: null, want: null }));
    expect(s.ratings['g1/k1']).toMatchObject({ now: 4, want: 4, nowCount: 2, wantCount: 1, people: 2 });
    // Another group is untouched.
    expect(s.ratings['g2/k1']).toBeUndefined();
  });

  it('in group mode (and in an old session) a score is still the group’s one score', () => {
    for (const s of [stateOf('group'), stateOf()]) {
      run(s, as('p1'), rate('o1', { now: 2 }));
      run(s, as('p2'), rate('o2', { now: 4 }));
      expect(s.ratings['g1/k1']).toMatchObject({ now: 4 });
      expect(s.ratings['g1/k1']!.nowCount).toBeUndefined();
      expect(s.personRatings).toEqual({});
    }
  });

  it('a score stays with the group it was given in; scoring again after a move counts in the new group', () => {
    const s = stateOf('person');
    run(s, as('p1'), rate('o1', { now: 1 }));
    run(s, as('p2'), rate('o2', { now: 3 }));
    run(s, facilitator, { type: 'participant:move', opId: 'o3', participantId: 'p1', groupId: 'g2' });
    expect(s.ratings['g1/k1']).toMatchObject({ now: 2, nowCount: 2 });
    run(s, as('p1'), rate('o4', { now: 5 }));
    expect(s.ratings['g2/k1']).toMatchObject({ now: 5, nowCount: 1 });
    expect(s.ratings['g1/k1']).toMatchObject({ now: 2, nowCount: 2 });
  });

  it('the overall average is over people, not over groups', () => {
    const s = stateOf('person');
    // g1: three people score 2; g2: one person scores 5. Over people: (2+2+2+5)/4 = 2.75.
    run(s, as('p1'), rate('o1', { now: 2 }));
    run(s, as('p2'), rate('o2', { now: 2 }));
    run(s, as('p3'), rate('o3', { now: 2 }));
    run(s, as('p5'), rate('o4', { now: 5 }));
    expect(ratingSummaries(s).find((r) => r.topicId === 'k1')).toMatchObject({ now: 2.75, groupsNow: 2 });
  });

  it('a phone holds its own group’s scores; the screen only the means', () => {
    const s = stateOf('person');
    run(s, as('p1'), rate('o1', { now: 2 }));
    const [event] = run(s, as('p5'), rate('o2', { now: 4 }));
    const phone = participantView(s, 'p1');
    expect(Object.keys(phone.personRatings!)).toEqual(['g1/k1']);
    expect(phone.personRatings!['g1/k1']!.p1).toMatchObject({ now: 2 });
    expect(screenView(s).personRatings).toEqual({});
    expect(screenView(s).ratings['g2/k1']).toMatchObject({ now: 4, nowCount: 1 });
    const toScreen = eventFor('screen', event!);
    expect(toScreen).toEqual({ type: 'rating.set', rating: expect.objectContaining({ now: 4, nowCount: 1 }) });
    expect(eventFor('participant', event!)).toHaveProperty('person.participantId', 'p5');
  });

  it('a session rebuilt from its events has the same scores (a restart)', () => {
    const live = stateOf('person');
    const history: DomainEvent[] = [];
    const step = (actor: Actor, command: Command) => history.push(...run(live, actor, command).map((e) => structuredClone(e)));
    step(as('p1'), rate('o1', { now: 2, want: 5 }));
    step(as('p2'), rate('o2', { now: 4 }));
    step(as('p6'), rate('o3', { want: 3 }));
    const rebuilt = replay([...events('person'), ...history])!;
    expect(rebuilt).toEqual(live);
  });

  it('old stored events (no scoring setting, ratings without counts or person) load as group scores', () => {
    const stored = JSON.parse(JSON.stringify(events(undefined, [groupRating()]))) as DomainEvent[];
    const s = replay(stored)!;
    expect(s.settings.scoring).toBeUndefined();
    expect(scoringOf(s.settings)).toBe('group');
    expect(s.ratings['g1/k1']).toMatchObject({ now: 3, want: 4 });
    // And an old snapshot (a state saved without personRatings) still takes new scores.
    const snapshot = JSON.parse(JSON.stringify(s)) as SessionState;
    delete snapshot.personRatings;
    run(snapshot, as('p2'), rate('o1', { now: 5 }));
    expect(snapshot.ratings['g1/k1']).toMatchObject({ now: 5, want: 4 });
  });
});

describe('scores per person: the wire', () => {
  it('the setting is "group" or "person", on creating and in the settings', () => {
    expect(settingsUpdateSchema.safeParse({ opId: 'op123456', settings: { scoring: 'person' } }).success).toBe(true);
    expect(settingsUpdateSchema.safeParse({ opId: 'op123456', settings: { scoring: 'everyone' } }).success).toBe(false);
    expect(createSessionSchema.safeParse({ templateId: 'x', scoring: 'person' }).success).toBe(true);
    expect(createSessionSchema.safeParse({ templateId: 'x', scoring: 1 }).success).toBe(false);
  });

  it('a score is a whole number 1–5 (or null to clear); nothing else reaches the rules', () => {
    expect(ratingSetSchema.safeParse({ opId: 'op123456', topicId: 'k1', now: 3 }).success).toBe(true);
    for (const bad of [0, 6, 2.5, '3']) expect(ratingSetSchema.safeParse({ opId: 'op123456', topicId: 'k1', now: bad }).success).toBe(false);
    // A client may not send the fields only the server sets.
    expect(ratingSetSchema.safeParse({ opId: 'op123456', topicId: 'k1', now: 3, participantId: 'p2' }).success).toBe(false);
  });
});

describe('scores per person: the report model', () => {
  /** g1: p1 (opdrachtgever) 2→4, p2 (opdrachtnemer) 4→5, p3 (opdrachtgever) 3→5, p4 nothing; g2: p6 (opdrachtnemer) 1→3. */
  function scored(scoring: 'group' | 'person'): SessionState {
    const s = stateOf(scoring);
    run(s, as('p1'), rate('o1', { now: 2, want: 4 }));
    run(s, as('p2'), rate('o2', { now: 4, want: 5 }));
    run(s, as('p3'), rate('o3', { now: 3, want: 5 }));
    run(s, as('p6'), rate('o4', { now: 1, want: 3 }));
    return s;
  }

  it('splits a characteristic’s scores by role: mean now / wanted / gap and how many, per role', () => {
    const report = buildSessionReport(scored('person'));
    expect(report.scoring).toBe('person');
    const t = report.topics.find((x) => x.topicId === 'k1')!;
    expect(t.byRole).toEqual([
      { role: 'opdrachtgever', now: 2.5, want: 4.5, gap: 2, countNow: 2, countWant: 2 },
      { role: 'opdrachtnemer', now: 2.5, want: 4, gap: 1.5, countNow: 2, countWant: 2 },
    ]);
    // The characteristic's averages are over the 4 people, not the 2 groups: (2+4+3+1)/4, (4+5+5+3)/4.
    expect(t).toMatchObject({ now: 2.5, want: 4.25, peopleNow: 4, peopleWant: 4, groupsNow: 2, groupsWant: 2 });
    // The distribution counts people.
    expect(t.distribution).toEqual({ now: [1, 1, 1, 1, 0], want: [0, 0, 1, 1, 2] });
    // Each group's score is its members' mean, with how many scored.
    expect(t.groups.map((g) => [g.label, g.now, g.want, g.people])).toEqual([
      ['Groep 1', 3, 14 / 3, 3],
      ['Groep 2', 1, 3, 1],
    ]);
  });

  it('has every person’s own score with role and group, never a name (what the programme view reads)', () => {
    const report = buildSessionReport(scored('person'));
    const t = report.topics.find((x) => x.topicId === 'k1')!;
    expect(t.personScores.map((p) => [p.groupLabel, p.role, p.now, p.want])).toEqual([
      ['Groep 1', 'opdrachtgever', 2, 4],
      ['Groep 1', 'opdrachtnemer', 4, 5],
      ['Groep 1', 'opdrachtgever', 3, 5],
      ['Groep 2', 'opdrachtnemer', 1, 3],
    ]);
    expect(JSON.stringify(report)).not.toContain('Naam p');
  });

  it('scored per group: no split by role, the groups’ scores as before', () => {
    const report = buildSessionReport(scored('group'));
    const t = report.topics.find((x) => x.topicId === 'k1')!;
    expect(report.scoring).toBe('group');
    expect(t.byRole).toEqual([]);
    expect(t.personScores).toEqual([]);
    expect(t).toMatchObject({ now: 2, want: 4, groupsNow: 2, peopleNow: 0 });
    expect(t.groups.map((g) => g.people)).toEqual([null, null]);
  });

  it('the Markdown report has the table per role and the groups’ means; the CSV a row per person with the role', () => {
    const s = scored('person');
    const md = reportMarkdown(buildSessionReport(s));
    expect(md).toContain('**Scores per rol**');
    expect(md).toContain('| Opdrachtgevers | 2,5 | 4,5 | +2,0 | 2 |');
    expect(md).toContain('| Opdrachtnemers | 2,5 | 4,0 | +1,5 | 2 |');
    expect(md).toContain('nu 2,5 · gewenst 4,3 · verschil +1,8 (4 mensen in 2 groepen)');
    expect(md).toContain('Gemiddelde score nu: 3,0 · gewenst: 4,7 (3 mensen)');
    const rows = csvRows(s);
    const own = rows.filter((r) => r[3] === 'score_persoon');
    expect(own.map((r) => [r[2], r[7], r[8], r[9]])).toEqual([
      [1, 2, 4, 'opdrachtgever'],
      [1, 4, 5, 'opdrachtnemer'],
      [1, 3, 5, 'opdrachtgever'],
      [2, 1, 3, 'opdrachtnemer'],
    ]);
    // The group's row: its mean, with one decimal.
    expect(rows.find((r) => r[3] === 'score' && r[2] === 1)?.slice(7, 9)).toEqual([3, 4.7]);
  });
});
