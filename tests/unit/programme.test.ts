/**
 * Programme insight (shared/report/programme.ts): figures across sessions per
 * characteristic, the period and role filters, the trend per session day, the order by gap,
 * and above all the small-cell rule: fewer than 3 groups or fewer than 5 people, and the
 * numbers are not in the result at all.
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/constants.ts';
import { buildSessionReport } from '../../shared/report/model.ts';
import { ratingObservations, sessionObservations, type RatingObservation, type SessionObservations } from '../../shared/report/observations.ts';
import { amsterdamDay, buildProgrammeInsight, parseFilters, type ProgrammeFilters, type TopicFigures } from '../../shared/report/programme.ts';
import type { SessionState } from '../../shared/domain/types.ts';

const TOPICS = [
  { topicId: 't1', number: 1, title: 'Passende omvang en expertise' },
  { topicId: 't2', number: 2, title: 'Zichtbaar en aanwezig in de wijk' },
  { topicId: 't3', number: 3, title: 'Samenwerking met de sociale basis' },
];

/** A group's score on a topic; `roles` e.g. 'gnn' = one opdrachtgever, two opdrachtnemers. */
function obs(groupId: string, topicId: string, now: number | null, want: number | null, roles = 'ggnn'): RatingObservation {
  const count = (c: string) => [...roles].filter((x) => x === c).length;
  return { groupId, topicId, now, want, people: roles.length, roles: { opdrachtgever: count('g'), opdrachtnemer: count('n'), anders: count('a') } };
}

function session(sessionId: string, day: string, observations: RatingObservation[]): SessionObservations {
  return { sessionId, at: Date.parse(`${day}T10:00:00+01:00`), topics: TOPICS, observations };
}

const topic = (insight: ReturnType<typeof buildProgrammeInsight>, id: string) => insight.topics.find((t) => t.topicId === id)!;
const shown = (insight: ReturnType<typeof buildProgrammeInsight>, id: string) => {
  const cell = topic(insight, id).cell;
  expect(cell.hidden, `${id} should be shown`).toBe(false);
  return cell as TopicFigures;
};

describe('programme insight: figures per characteristic', () => {
  const sessions = [
    session('a', '2026-03-10', [obs('g1', 't1', 2, 4), obs('g2', 't1', 3, 5), obs('g1', 't2', 4, 4), obs('g2', 't2', 3, 4)]),
    session('b', '2026-05-20', [obs('g1', 't1', 1, 5, 'gnnnn'), obs('g2', 't2', 2, 3), obs('g3', 't2', null, 5)]),
  ];
  const insight = buildProgrammeInsight(sessions);

  it('counts sessions, groups and people, and means the scores across sessions (each group once)', () => {
    expect(shown(insight, 't1')).toMatchObject({ sessions: 2, groups: 3, people: 13, now: 2, want: 4.7, gap: 2.7 });
    expect(shown(insight, 't2')).toMatchObject({ sessions: 2, groups: 4, people: 16, now: 3, want: 4, gap: 1 });
  });

  it('counts the spread of the scores 1–5, now and wanted', () => {
    expect(shown(insight, 't1').distribution).toEqual({ now: [1, 1, 1, 0, 0], want: [0, 0, 0, 1, 2] });
    expect(shown(insight, 't2').distribution).toEqual({ now: [0, 1, 1, 1, 0], want: [0, 0, 1, 2, 1] });
  });

  it('puts the largest gap first', () => {
    expect(insight.topics.map((t) => t.topicId)).toEqual(['t1', 't2']);
  });

  it('gives a trend point per session day, each a cell of its own', () => {
    expect(insight.dates).toEqual(['2026-03-10', '2026-05-20']);
    const t2 = topic(insight, 't2').trend;
    expect(t2.map((p) => p.date)).toEqual(['2026-03-10', '2026-05-20']);
    // Each day has only 2 groups: too little on its own.
    expect(t2.every((p) => p.cell.hidden)).toBe(true);
  });
});

describe('programme insight: small cells are hidden, and their numbers are not in the result', () => {
  const cases: { name: string; sessions: SessionObservations[]; filters?: Partial<ProgrammeFilters>; topicId: string; hidden: boolean }[] = [
    {
      name: 'a characteristic with 2 groups (10 people) is hidden',
      sessions: [session('a', '2026-03-10', [obs('g1', 't1', 2, 4, 'ggnnn'), obs('g2', 't1', 3, 5, 'ggnnn')])],
      topicId: 't1',
      hidden: true,
    },
    {
      name: '3 groups but 4 people is hidden',
      sessions: [session('a', '2026-03-10', [obs('g1', 't1', 2, 4, 'gn'), obs('g2', 't1', 3, 5, 'g'), obs('g3', 't1', 1, 5, 'n')])],
      topicId: 't1',
      hidden: true,
    },
    {
      name: '3 groups and 5 people is shown',
      sessions: [session('a', '2026-03-10', [obs('g1', 't1', 2, 4, 'gn'), obs('g2', 't1', 3, 5, 'gn'), obs('g3', 't1', 1, 5, 'n')])],
      topicId: 't1',
      hidden: false,
    },
    {
      name: '3 groups over 2 sessions add up to a shown cell',
      sessions: [
        session('a', '2026-03-10', [obs('g1', 't1', 2, 4), obs('g2', 't1', 3, 5)]),
        session('b', '2026-03-11', [obs('g1', 't1', 2, 4)]),
      ],
      topicId: 't1',
      hidden: false,
    },
    {
      name: 'a role filter that leaves too few people hides the cell',
      // 4 groups, but only 3 opdrachtgevers among them.
      sessions: [session('a', '2026-03-10', [obs('g1', 't1', 2, 4, 'gnnn'), obs('g2', 't1', 3, 5, 'gnnn'), obs('g3', 't1', 1, 5, 'gnnn'), obs('g4', 't1', 1, 5, 'nnnn')])],
      filters: { role: 'opdrachtgever' },
      topicId: 't1',
      hidden: true,
    },
    {
      name: 'a role filter that leaves too few groups hides the cell',
      sessions: [session('a', '2026-03-10', [obs('g1', 't1', 2, 4, 'ggggg'), obs('g2', 't1', 3, 5, 'ggggg'), obs('g3', 't1', 1, 5, 'nnnnn')])],
      filters: { role: 'opdrachtnemer' },
      topicId: 't1',
      hidden: true,
    },
    {
      name: 'the same sessions without the role filter are shown',
      sessions: [session('a', '2026-03-10', [obs('g1', 't1', 2, 4, 'gnnn'), obs('g2', 't1', 3, 5, 'gnnn'), obs('g3', 't1', 1, 5, 'gnnn'), obs('g4', 't1', 1, 5, 'nnnn')])],
      topicId: 't1',
      hidden: false,
    },
    {
      name: 'a period that leaves one session of two hides the cell',
      sessions: [
        session('a', '2026-03-10', [obs('g1', 't1', 2, 4), obs('g2', 't1', 3, 5)]),
        session('b', '2026-06-11', [obs('g1', 't1', 2, 4), obs('g2', 't1', 2, 4)]),
      ],
      filters: { from: '2026-06-01' },
      topicId: 't1',
      hidden: true,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const insight = buildProgrammeInsight(c.sessions, { from: null, to: null, role: null, ...c.filters });
      const cell = topic(insight, c.topicId).cell;
      expect(cell.hidden).toBe(c.hidden);
      if (c.hidden) {
        // Nothing but the flag: no mean, count or spread to read a group's score from.
        expect(cell).toEqual({ hidden: true });
        expect(JSON.stringify(insight.topics)).not.toMatch(/"(now|want|gap|groups|people|distribution)"/);
      }
    });
  }

  it('lists hidden characteristics after the shown ones', () => {
    const insight = buildProgrammeInsight([
      session('a', '2026-03-10', [obs('g1', 't1', 1, 5), obs('g2', 't1', 1, 5), obs('g1', 't2', 3, 4), obs('g2', 't2', 3, 4), obs('g3', 't2', 3, 4)]),
    ]);
    expect(insight.topics.map((t) => [t.topicId, t.cell.hidden])).toEqual([
      ['t2', false],
      ['t1', true],
    ]);
  });
});

describe('programme insight: filters', () => {
  const sessions = [
    session('a', '2026-01-15', [obs('g1', 't1', 1, 5), obs('g2', 't1', 1, 5), obs('g3', 't1', 1, 5)]),
    session('b', '2026-02-15', [obs('g1', 't1', 3, 3), obs('g2', 't1', 3, 3), obs('g3', 't1', 3, 3)]),
    session('c', '2026-03-15', [obs('g1', 't1', 5, 5, 'nnnnn'), obs('g2', 't1', 5, 5, 'nnnnn'), obs('g3', 't1', 5, 5, 'nnnnn')]),
  ];

  it('a period keeps the sessions whose day lies in it, both ends included', () => {
    const insight = buildProgrammeInsight(sessions, { from: '2026-02-15', to: '2026-03-15', role: null });
    expect(insight.sessionsTotal).toBe(3);
    expect(insight.sessionsIncluded).toBe(2);
    expect(shown(insight, 't1')).toMatchObject({ sessions: 2, groups: 6, now: 4, want: 4, gap: 0 });
  });

  it('a role keeps the groups with people of that role, and counts only those people', () => {
    const insight = buildProgrammeInsight(sessions, { from: null, to: null, role: 'opdrachtgever' });
    expect(shown(insight, 't1')).toMatchObject({ sessions: 2, groups: 6, people: 12, now: 2, want: 4 });
  });

  it('the trend has a point per session day, each shown when it has enough on its own', () => {
    const insight = buildProgrammeInsight(sessions);
    expect(topic(insight, 't1').trend.map((p) => [p.date, p.cell.hidden ? null : [p.cell.now, p.cell.want]])).toEqual([
      ['2026-01-15', [1, 5]],
      ['2026-02-15', [3, 3]],
      ['2026-03-15', [5, 5]],
    ]);
  });

  it('reads filters from a query, ignoring what it does not understand', () => {
    expect(parseFilters({ from: '2026-01-01', to: 'gisteren', role: 'opdrachtnemer' })).toEqual({ from: '2026-01-01', to: null, role: 'opdrachtnemer' });
    expect(parseFilters({ role: 'burgemeester', from: ['x'] })).toEqual({ from: null, to: null, role: null });
  });

  it('days are Dutch days: 23:30 UTC on 31 March is 1 April', () => {
    expect(amsterdamDay(Date.parse('2026-03-31T23:30:00Z'))).toBe('2026-04-01');
  });
});

describe('rating observations of a session', () => {
  const p = (id: string, role: Role, groupId: string) => ({ id, name: `Naam ${id}`, role, organisation: 'Gemeente X', joinedAt: 1, groupId, removed: false });
  function sampleState(): SessionState {
    return {
      id: 's1',
      code: 'ABC123',
      createdAt: Date.parse('2026-04-01T09:00:00+02:00'),
      content: {
        title: 'Sessie',
        contact: '',
        takeawayQuestion: '',
        questions: [{ id: 'q1', text: 'Vraag' }],
        topics: [
          { id: 't1', title: 'Een', description: '' },
          { id: 't2', title: 'Twee', description: '' },
        ],
      },
      settings: {},
      agenda: [
        { id: 's-t1', kind: 'topic', payload: { topicId: 't1' } },
        { id: 's-t2', kind: 'topic', payload: { topicId: 't2' } },
      ],
      stepIndex: 0,
      timer: {},
      participants: { p1: p('p1', 'opdrachtgever', 'g1'), p2: p('p2', 'opdrachtnemer', 'g1'), p3: p('p3', 'opdrachtnemer', 'g2') },
      groups: [
        { id: 'g1', number: 1, memberIds: ['p1', 'p2'] },
        { id: 'g2', number: 2, memberIds: ['p3'] },
      ],
      answers: {},
      ratings: {
        'g1/t1': { groupId: 'g1', topicId: 't1', now: 2, want: 4, updatedAt: 1, updatedBy: 'p1' },
        'g2/t1': { groupId: 'g2', topicId: 't1', now: null, want: 5, updatedAt: 1, updatedBy: 'p3' },
      },
      takeaways: {},
      spotlightGroupId: null,
      endedAt: null,
      blockedDevices: [],
    } as unknown as SessionState;
  }

  it('one per group that scored a characteristic, with its members per role; no names', () => {
    const state = sampleState();
    const report = buildSessionReport(state);
    expect(ratingObservations(report)).toEqual([
      { groupId: 'g1', topicId: 't1', now: 2, want: 4, people: 2, roles: { opdrachtgever: 1, opdrachtnemer: 1, anders: 0 } },
      { groupId: 'g2', topicId: 't1', now: null, want: 5, people: 1, roles: { opdrachtgever: 0, opdrachtnemer: 1, anders: 0 } },
    ]);
    const s = sessionObservations('s1', report);
    expect(s.at).toBe(state.createdAt);
    expect(s.topics).toEqual([{ topicId: 't1', number: 1, title: 'Een' }]);
    expect(JSON.stringify(s)).not.toMatch(/Naam|Gemeente X/);
  });
});

describe('rating observations of a session scored per person', () => {
  it('one per person’s own score, with that person’s role, in the group they scored in', () => {
    const state = {
      id: 's2',
      code: 'DEF456',
      createdAt: Date.parse('2026-04-01T09:00:00+02:00'),
      content: { title: 'Sessie', contact: '', takeawayQuestion: '', questions: [{ id: 'q1', text: 'Vraag' }], topics: [{ id: 't1', title: 'Een', description: '' }] },
      settings: { scoring: 'person' },
      agenda: [{ id: 's-t1', kind: 'topic', payload: { topicId: 't1' } }],
      stepIndex: 0,
      timer: {},
      participants: {
        p1: { id: 'p1', name: 'Anna', role: 'opdrachtgever', organisation: 'Gemeente X', joinedAt: 1, groupId: 'g1', removed: false },
        p2: { id: 'p2', name: 'Bert', role: 'opdrachtnemer', organisation: 'Gemeente X', joinedAt: 1, groupId: 'g1', removed: false },
      },
      groups: [{ id: 'g1', number: 1, memberIds: ['p1', 'p2'] }],
      answers: {},
      ratings: { 'g1/t1': { groupId: 'g1', topicId: 't1', now: 2.5, want: 4, updatedAt: 1, updatedBy: 'p2' } },
      personRatings: {
        'g1/t1': {
          p1: { participantId: 'p1', groupId: 'g1', topicId: 't1', now: 2, want: 5, updatedAt: 1 },
          p2: { participantId: 'p2', groupId: 'g1', topicId: 't1', now: 3, want: 3, updatedAt: 2 },
        },
      },
      takeaways: {},
      spotlightGroupId: null,
      endedAt: null,
      blockedDevices: [],
    } as unknown as SessionState;
    const observed = ratingObservations(buildSessionReport(state));
    expect(observed).toEqual([
      { groupId: 'g1', topicId: 't1', now: 2, want: 5, people: 1, roles: { opdrachtgever: 1, opdrachtnemer: 0, anders: 0 } },
      { groupId: 'g1', topicId: 't1', now: 3, want: 3, people: 1, roles: { opdrachtgever: 0, opdrachtnemer: 1, anders: 0 } },
    ]);
    // The role filter then reads the scorer's own role: one opdrachtgever is far too little.
    const insight = buildProgrammeInsight([sessionObservations('s2', buildSessionReport(state))], { from: null, to: null, role: 'opdrachtgever' });
    expect(insight.topics[0]!.cell).toEqual({ hidden: true });
  });
});
