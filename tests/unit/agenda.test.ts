/**
 * The agenda as data: the rules for adding, removing, moving and editing steps (table-driven),
 * the room staying on its step while the agenda changes, what phones and screens may see,
 * the migration of sessions stored before agendas were data, and the built-in programme.
 */
import { describe, expect, it } from 'vitest';
import { alignTopics, currentStep, legacyAgenda, redactEvent } from '../../shared/domain/agenda.ts';
import type { Command } from '../../shared/domain/commands.ts';
import { decide, type DecideContext } from '../../shared/domain/decide.ts';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { evolve, replay } from '../../shared/domain/evolve.ts';
import type { Actor, SessionState } from '../../shared/domain/types.ts';
import { participantView, screenView } from '../../shared/domain/views.ts';
import { agendaAddSchema, agendaEditSchema } from '../../shared/protocol/schemas.ts';
import { findTemplate, TEMPLATES } from '../../shared/templates.ts';

const T0 = 1_000_000;
const facilitator: Actor = { kind: 'facilitator' };
const settings = { targetGroupSize: 5, lateJoiners: 'smallest', locked: false, language: 'nl', topicMinutes: 10 } as const;
const template = findTemplate('stevige-lokale-teams')!;

const ctx = (actor: Actor = facilitator): DecideContext => {
  let n = 0;
  return { actor, now: T0 + 1000, newId: () => `new${n++}` };
};

/** A session of the built-in programme (with its slides), two groups, at `stepId`. */
function session(stepId = 'lobby', extra: DomainEvent[] = []): SessionState {
  const created: DomainEvent = { type: 'session.created', id: 's1', code: 'ABC234', at: T0, content: template.content, settings, steps: template.steps };
  const people = ['p1', 'p2', 'p3', 'p4'].map(
    (id, i): DomainEvent => ({
      type: 'participant.joined',
      participant: { id, name: id, role: i % 2 ? 'opdrachtnemer' : 'opdrachtgever', organisation: '', joinedAt: T0, groupId: null, removed: false },
    }),
  );
  const state = replay([
    created,
    ...people,
    { type: 'groups.formed', groups: [{ id: 'g1', number: 1, memberIds: ['p1', 'p2'] }, { id: 'g2', number: 2, memberIds: ['p3', 'p4'] }] },
  ])!;
  const index = state.agenda.findIndex((s) => s.id === stepId);
  evolve(state, { type: 'step.changed', stepIndex: index, timer: { status: 'idle', durationMs: state.agenda[index]!.minutes * 60_000 } });
  for (const e of extra) evolve(state, e);
  return state;
}

const answer = (topicId: string): DomainEvent => ({
  type: 'answer.added',
  answer: { id: 'a1', groupId: 'g1', topicId, questionId: 'q1', authorId: 'p1', text: 'x', createdAt: T0, updatedAt: T0, rev: 1, hidden: false },
});

const slide = { kind: 'content' as const, title: 'Pauze', payload: {} };

type Row = { name: string; state: () => SessionState; command: Command; actor?: Actor; expect: string | DomainEvent['type'][] };

const rows: Row[] = [
  // Add.
  { name: 'add a slide', state: () => session(), command: { type: 'agenda:add', opId: 'o', index: 3, step: slide }, expect: ['step.added'] },
  { name: 'add a slide at an index past the end (appended)', state: () => session(), command: { type: 'agenda:add', opId: 'o', index: 60, step: slide }, expect: ['step.added'] },
  { name: 'a second takeaway is refused', state: () => session(), command: { type: 'agenda:add', opId: 'o', index: 3, step: { kind: 'takeaway', title: 'Nog eens', payload: {} } }, expect: 'conflict' },
  { name: 'a topic that is already on the agenda is refused', state: () => session(), command: { type: 'agenda:add', opId: 'o', index: 3, step: { kind: 'topic', title: 'x', payload: { topicId: 'k1' } } }, expect: 'conflict' },
  { name: 'a topic that the content does not have is refused', state: () => session(), command: { type: 'agenda:add', opId: 'o', index: 3, step: { kind: 'topic', title: 'x', payload: { topicId: 'k99' } } }, expect: 'not_found' },
  { name: 'a participant cannot add steps', state: () => session(), actor: { kind: 'participant', participantId: 'p1' }, command: { type: 'agenda:add', opId: 'o', index: 3, step: slide }, expect: 'forbidden' },
  // Remove.
  { name: 'remove a slide', state: () => session(), command: { type: 'agenda:remove', opId: 'o', stepId: 'relatie' }, expect: ['step.removed'] },
  { name: 'remove a topic nobody wrote to', state: () => session('lobby', [answer('k1')]), command: { type: 'agenda:remove', opId: 'o', stepId: 'topic-k2' }, expect: ['step.removed'] },
  { name: 'a topic a group wrote to cannot be removed', state: () => session('lobby', [answer('k1')]), command: { type: 'agenda:remove', opId: 'o', stepId: 'topic-k1' }, expect: 'conflict' },
  {
    name: 'a topic a group scored cannot be removed',
    state: () => session('lobby', [{ type: 'rating.set', rating: { groupId: 'g2', topicId: 'k3', now: 2, want: null, updatedAt: T0, updatedBy: 'p3' } }]),
    command: { type: 'agenda:remove', opId: 'o', stepId: 'topic-k3' },
    expect: 'conflict',
  },
  {
    name: 'the takeaway a group wrote cannot be removed',
    state: () => session('lobby', [{ type: 'takeaway.set', takeaway: { groupId: 'g1', text: 'mee', rev: 1, updatedAt: T0, updatedBy: 'p1' } }]),
    command: { type: 'agenda:remove', opId: 'o', stepId: 'takeaway' },
    expect: 'conflict',
  },
  { name: 'the current step cannot be removed', state: () => session('intro'), command: { type: 'agenda:remove', opId: 'o', stepId: 'intro' }, expect: 'conflict' },
  { name: 'removing an unknown step', state: () => session(), command: { type: 'agenda:remove', opId: 'o', stepId: 'nope' }, expect: 'not_found' },
  // Move.
  { name: 'move a slide down', state: () => session(), command: { type: 'agenda:move', opId: 'o', stepId: 'intro', to: 2 }, expect: ['step.moved'] },
  { name: 'move to where it is changes nothing', state: () => session(), command: { type: 'agenda:move', opId: 'o', stepId: 'intro', to: 1 }, expect: [] },
  { name: 'moving an unknown step', state: () => session(), command: { type: 'agenda:move', opId: 'o', stepId: 'nope', to: 1 }, expect: 'not_found' },
  // Edit.
  { name: 'edit title, body and notes', state: () => session(), command: { type: 'agenda:edit', opId: 'o', stepId: 'intro', title: 'Welkom!', body: 'Hallo', notes: 'Glimlach' }, expect: ['step.edited'] },
  { name: 'an edit that changes nothing', state: () => session(), command: { type: 'agenda:edit', opId: 'o', stepId: 'intro', title: 'Intro en voorstellen' }, expect: [] },
  { name: 'new minutes of the current step set its idle timer', state: () => session('intro'), command: { type: 'agenda:edit', opId: 'o', stepId: 'intro', minutes: 7 }, expect: ['step.edited', 'timer.changed'] },
  { name: 'new minutes of another step leave the timer alone', state: () => session('intro'), command: { type: 'agenda:edit', opId: 'o', stepId: 'relatie', minutes: 7 }, expect: ['step.edited'] },
  { name: 'editing an unknown step', state: () => session(), command: { type: 'agenda:edit', opId: 'o', stepId: 'nope', title: 'x' }, expect: 'not_found' },
  // Entering steps uses the step's own rules and length.
  { name: 'a slide needs no groups', state: () => replay([{ type: 'session.created', id: 's', code: 'ABC234', at: T0, content: template.content, settings, steps: template.steps }])!, command: { type: 'step:set', opId: 'o', stepIndex: 1 }, expect: ['step.changed'] },
  { name: 'a topic step needs groups', state: () => replay([{ type: 'session.created', id: 's', code: 'ABC234', at: T0, content: template.content, settings, steps: template.steps }])!, command: { type: 'step:set', opId: 'o', stepIndex: 6 }, expect: 'conflict' },
];

describe('agenda rules', () => {
  it.each(rows)('$name', ({ state, command, actor, expect: expected }) => {
    const s = state();
    const before = JSON.stringify(s);
    const decision = decide(s, command, ctx(actor));
    if (typeof expected === 'string') {
      expect(decision).toMatchObject({ ok: false, code: expected });
      if (!decision.ok && expected === 'conflict') expect(decision.key).toMatch(/^error\./);
    } else {
      expect(decision.ok).toBe(true);
      if (decision.ok) expect(decision.events.map((e) => e.type)).toEqual(expected);
    }
    expect(JSON.stringify(s)).toBe(before);
  });

  it('refusals name what is wrong in words (step with work, current step)', () => {
    const worked = decide(session('lobby', [answer('k1')]), { type: 'agenda:remove', opId: 'o', stepId: 'topic-k1' }, ctx());
    expect(worked).toMatchObject({ ok: false, key: 'error.stepHasWork' });
    const current = decide(session('intro'), { type: 'agenda:remove', opId: 'o', stepId: 'intro' }, ctx());
    expect(current).toMatchObject({ ok: false, key: 'error.stepCurrent' });
  });
});

describe('agenda changes while the room is on a step', () => {
  function apply(state: SessionState, command: Command): SessionState {
    const d = decide(state, command, ctx());
    if (!d.ok) throw new Error(d.key);
    for (const e of d.events) evolve(state, e);
    return state;
  }

  it.each([
    ['a slide added before it', { type: 'agenda:add', opId: 'o', index: 0, step: slide }],
    ['a step removed before it', { type: 'agenda:remove', opId: 'o', stepId: 'intro' }],
    ['a step moved from before to after it', { type: 'agenda:move', opId: 'o', stepId: 'opdracht', to: 10 }],
    ['a step moved from after to before it', { type: 'agenda:move', opId: 'o', stepId: 'closing', to: 0 }],
    ['the step itself moved', { type: 'agenda:move', opId: 'o', stepId: 'relatie', to: 0 }],
  ] as [string, Command][])('the room stays on the same step: %s', (_, command) => {
    const state = apply(session('relatie'), command);
    expect(currentStep(state).id).toBe('relatie');
  });

  it('add, move, edit and remove land where asked', () => {
    const state = session();
    apply(state, { type: 'agenda:add', opId: 'o', index: 2, step: { ...slide, body: 'Tien minuten', notes: 'Koffie staat klaar', minutes: 10 } });
    expect(state.agenda[2]).toMatchObject({ id: 'new0', kind: 'content', title: 'Pauze', body: 'Tien minuten', notes: 'Koffie staat klaar', minutes: 10 });
    apply(state, { type: 'agenda:move', opId: 'o', stepId: 'new0', to: 0 });
    expect(state.agenda[0]!.id).toBe('new0');
    apply(state, { type: 'agenda:edit', opId: 'o', stepId: 'new0', minutes: 0, title: 'Korte pauze' });
    expect(state.agenda[0]).toMatchObject({ title: 'Korte pauze', minutes: 0, body: 'Tien minuten' });
    apply(state, { type: 'agenda:remove', opId: 'o', stepId: 'new0' });
    expect(state.agenda.map((s) => s.id)).toEqual(template.steps.map((s) => s.id));
  });

  it('entering a step starts its own timer length', () => {
    const state = session('lobby');
    apply(state, { type: 'agenda:edit', opId: 'o', stepId: 'relatie', minutes: 3 });
    apply(state, { type: 'step:set', opId: 'o', stepIndex: state.agenda.findIndex((s) => s.id === 'relatie') });
    expect(state.timer).toEqual({ status: 'idle', durationMs: 180_000 });
  });

  it('the timer goes down by a minute, never below 0', () => {
    const state = session('intro');
    apply(state, { type: 'timer:extend', opId: 'o', seconds: -60 });
    expect(state.timer.durationMs).toBe(9 * 60_000);
    for (let i = 0; i < 12; i++) apply(state, { type: 'timer:extend', opId: 'o', seconds: -60 });
    expect(state.timer.durationMs).toBe(0);
  });
});

describe('commands are validated by their schemas', () => {
  it('accepts a slide and checks a kind’s payload with that kind’s schema', () => {
    expect(agendaAddSchema.safeParse({ opId: 'op123456', index: 0, step: { kind: 'content', title: 'Pauze' } }).success).toBe(true);
    expect(agendaAddSchema.safeParse({ opId: 'op123456', index: 0, step: { kind: 'topic', title: 'x', payload: {} } }).success).toBe(false);
    expect(agendaAddSchema.safeParse({ opId: 'op123456', index: 0, step: { kind: 'poll', title: 'x' } }).success).toBe(false);
    expect(agendaAddSchema.safeParse({ opId: 'op123456', index: 0, step: { kind: 'content', title: '' } }).success).toBe(false);
    expect(agendaEditSchema.safeParse({ opId: 'op123456', stepId: 'intro' }).success).toBe(false);
    expect(agendaEditSchema.safeParse({ opId: 'op123456', stepId: 'intro', minutes: -1 }).success).toBe(false);
    expect(agendaEditSchema.safeParse({ opId: 'op123456', stepId: 'intro', minutes: 241 }).success).toBe(false);
  });
});

describe('presenter notes reach facilitators only', () => {
  it('phones get titles (no bodies, no notes); the screen gets bodies but no notes', () => {
    const state = session('intro');
    const phone = participantView(state, 'p1');
    expect(phone.agenda.every((s) => s.notes === '' && s.body === '')).toBe(true);
    expect(currentStep(phone).title).toBe('Intro en voorstellen');
    const screen = screenView(state);
    expect(screen.agenda.every((s) => s.notes === '')).toBe(true);
    expect(currentStep(screen).body).toContain('Programma');
    expect(state.agenda.some((s) => s.notes !== '')).toBe(true);
  });

  it('agenda events are redacted per audience', () => {
    const edited: DomainEvent = { type: 'step.edited', stepId: 'intro', patch: { title: 'T', body: 'B', notes: 'N' } };
    expect(redactEvent(edited, 'participant')).toEqual({ type: 'step.edited', stepId: 'intro', patch: { title: 'T' } });
    expect(redactEvent(edited, 'screen')).toEqual({ type: 'step.edited', stepId: 'intro', patch: { title: 'T', body: 'B' } });
    const added: DomainEvent = { type: 'step.added', index: 0, step: { id: 'x', kind: 'content', title: 'T', body: 'B', notes: 'N', minutes: 1, payload: {} } };
    expect(JSON.stringify(redactEvent(added, 'screen'))).not.toContain('"N"');
    expect(JSON.stringify(redactEvent(added, 'participant'))).not.toMatch(/"[BN]"/);
  });
});

describe('sessions stored before agendas were data', () => {
  /** An event log as the old code wrote it: no steps in session.created; step indexes of the derived agenda. */
  const oldLog: DomainEvent[] = [
    { type: 'session.created', id: 's0', code: 'OLD234', at: T0, content: TEMPLATES[0].content, settings },
    { type: 'participant.joined', participant: { id: 'p1', name: 'A', role: 'anders', organisation: '', joinedAt: T0, groupId: null, removed: false } },
    { type: 'groups.formed', groups: [{ id: 'g1', number: 1, memberIds: ['p1'] }] },
    { type: 'step.changed', stepIndex: 1, timer: { status: 'idle', durationMs: 300_000 } },
    { type: 'step.changed', stepIndex: 2, timer: { status: 'idle', durationMs: 600_000 } },
  ];

  it('replay derives the agenda the old code derived: lobby, groups, one step per topic, takeaway, feedback, closing', () => {
    const state = replay(oldLog)!;
    expect(state.agenda.map((s) => (s.kind === 'topic' ? s.payload.topicId : s.kind))).toEqual([
      'lobby',
      'groups',
      'k1',
      'k2',
      'k3',
      'k4',
      'k5',
      'k6',
      'k7',
      'takeaway',
      'feedback',
      'closing',
    ]);
    expect(state.agenda).toEqual(legacyAgenda(TEMPLATES[0].content, 10));
    // Step 2 was the first topic then, and still is.
    expect(currentStep(state)).toMatchObject({ kind: 'topic', payload: { topicId: 'k1' } });
    expect(state.agenda.filter((s) => s.kind === 'topic').every((s) => s.minutes === 10)).toBe(true);
  });

  it('replays to the same state twice (deterministic ids)', () => {
    expect(replay(oldLog)).toEqual(replay(oldLog));
  });
});

describe('topic steps follow the content', () => {
  const topics = [
    { id: 'a', title: 'A', description: '' },
    { id: 'b', title: 'B', description: '' },
  ];
  const steps = legacyAgenda({ ...TEMPLATES[0].content, topics }, 10);

  it('drops removed topics, renames, reorders and adds after the last topic step', () => {
    const next = alignTopics(steps, [{ id: 'b', title: 'Bee', description: '' }, { id: 'c', title: 'C', description: '' }, { id: 'a', title: 'A', description: '' }], 12);
    expect(next.map((s) => (s.kind === 'topic' ? `${s.payload.topicId}:${s.title}` : s.kind))).toEqual([
      'lobby',
      'groups',
      'b:Bee',
      'a:A',
      'c:C',
      'takeaway',
      'feedback',
      'closing',
    ]);
  });
});

describe('"minuten per kenmerk" (settings.topicMinutes) sets the length of topic steps still at the old default', () => {
  const minutesOf = (state: SessionState) => Object.fromEntries(state.agenda.filter((s) => s.kind === 'topic').map((s) => [s.id, s.minutes]));
  /** The session after the facilitator set k2 to 15 minutes by hand, at `stepId`, with the timer as given. */
  function edited(stepId: string, timer: 'idle' | 'running' = 'idle'): SessionState {
    const state = session(stepId, [{ type: 'step.edited', stepId: 'topic-k2', patch: { minutes: 15 } }]);
    if (timer === 'running') evolve(state, { type: 'timer.changed', timer: { status: 'running', durationMs: 600_000, endsAt: T0 + 600_000 } });
    return state;
  }

  /** Every topic step at `minutes`, but k2 at the 15 it was given by hand. */
  const topicsAt = (minutes: number) => ({ ...Object.fromEntries(['k1', 'k3', 'k4', 'k5', 'k6', 'k7'].map((k) => [`topic-${k}`, minutes])), 'topic-k2': 15 });

  const rows: { name: string; state: () => SessionState; minutes: number; expect: { changed: Record<string, number>; timer: number | 'unchanged' } }[] = [
    { name: 'from 10 to 8: every topic step at 10 becomes 8, the one set to 15 keeps 15', state: () => edited('lobby'), minutes: 8, expect: { changed: topicsAt(8), timer: 'unchanged' } },
    { name: 'the same value changes no step', state: () => edited('lobby'), minutes: 10, expect: { changed: topicsAt(10), timer: 'unchanged' } },
    { name: 'at a topic step whose timer did not start, its timer takes the new length', state: () => edited('topic-k1'), minutes: 12, expect: { changed: topicsAt(12), timer: 12 * 60_000 } },
    { name: 'a running timer is left alone', state: () => edited('topic-k1', 'running'), minutes: 12, expect: { changed: topicsAt(12), timer: 'unchanged' } },
    { name: 'at the step set by hand, its timer stays at its own length', state: () => edited('topic-k2'), minutes: 12, expect: { changed: topicsAt(12), timer: 'unchanged' } },
  ];

  it.each(rows)('$name', ({ state, minutes, expect: expected }) => {
    const s = state();
    const before = JSON.stringify(s);
    const timerBefore = s.timer;
    const decision = decide(s, { type: 'settings:update', opId: 'o', settings: { topicMinutes: minutes } }, ctx());
    expect(JSON.stringify(s)).toBe(before);
    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    for (const e of decision.events) evolve(s, e);
    expect(s.settings.topicMinutes).toBe(minutes);
    expect(minutesOf(s)).toEqual(expected.changed);
    if (expected.timer === 'unchanged') expect(s.timer).toEqual(timerBefore);
    else expect(s.timer).toEqual({ status: 'idle', durationMs: expected.timer });
  });

  it('the next change follows the new default: a step at 8 moves on, a step set to 15 still stays', () => {
    const s = edited('lobby');
    for (const minutes of [8, 6]) {
      const decision = decide(s, { type: 'settings:update', opId: 'o', settings: { topicMinutes: minutes } }, ctx());
      if (decision.ok) for (const e of decision.events) evolve(s, e);
    }
    expect(minutesOf(s)).toMatchObject({ 'topic-k1': 6, 'topic-k2': 15, 'topic-k7': 6 });
  });

  it('other settings leave the steps alone', () => {
    const s = edited('lobby');
    const decision = decide(s, { type: 'settings:update', opId: 'o', settings: { language: 'en' } }, ctx());
    expect(decision).toMatchObject({ ok: true, events: [{ type: 'settings.updated' }] });
  });
});

describe('the built-in programme "Stevige lokale teams"', () => {
  it('holds the seed’s programme as slides around the dialogue, in order', () => {
    const outline = template.steps.map((s) => (s.kind === 'content' ? s.title : s.kind === 'topic' ? `topic:${s.payload.topicId}` : s.kind));
    expect(outline).toEqual([
      'lobby',
      'Intro en voorstellen',
      'Toelichting opdracht',
      'Relatie opdrachtgever en opdrachtnemer',
      'De 7 kenmerken in het kort',
      'groups',
      'topic:k1',
      'topic:k2',
      'topic:k3',
      'topic:k4',
      'topic:k5',
      'topic:k6',
      'topic:k7',
      'takeaway',
      'feedback',
      'closing',
    ]);
  });

  it('carries the seed’s text: the five themes, the 7 characteristics, the closing and contact', () => {
    const body = (id: string) => template.steps.find((s) => s.id === id)!.body;
    for (const theme of ['Visie', 'Goed bestuur', 'Netwerksamenwerking', 'Kwaliteit', 'Inkoop en bekostiging']) expect(body('relatie')).toContain(theme);
    for (const t of template.content.topics) expect(body('kenmerken')).toContain(t.title);
    expect(body('opdracht')).toContain('Welke rol zie je hierin voor jezelf?');
    expect(body('closing')).toContain('stevigelokaleteams@vng.nl');
    expect(body('closing')).toContain('Aan de ondersteuning zijn geen kosten verbonden.');
  });

  it('has unique step ids, a length per step and notes for the facilitator', () => {
    expect(new Set(template.steps.map((s) => s.id)).size).toBe(template.steps.length);
    expect(template.steps.every((s) => Number.isInteger(s.minutes) && s.minutes >= 0)).toBe(true);
    expect(template.steps.filter((s) => s.kind === 'content').every((s) => s.notes !== '')).toBe(true);
  });
});
