/**
 * "Deelnemers toelaten", table-driven like decide.test.ts: with the setting on, a joiner
 * waits (no group, cannot write, not on the screen) until the facilitator lets them in, one
 * by one or all at once, or refuses them (participant:remove). Pure: decide and evolve only.
 */
import { describe, expect, it } from 'vitest';
import { decide, type DecideContext } from '../../shared/domain/decide.ts';
import type { Command } from '../../shared/domain/commands.ts';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { evolve, replay } from '../../shared/domain/evolve.ts';
import type { Actor, Participant, SessionState } from '../../shared/domain/types.ts';
import { eventsForScreen, participantView, screenView } from '../../shared/domain/views.ts';
import { TEMPLATES } from '../../shared/templates.ts';

const T0 = 1_000_000;
const facilitator: Actor = { kind: 'facilitator' };
const guest: Actor = { kind: 'guest' };
const as = (participantId: string): Actor => ({ kind: 'participant', participantId });
const ctx = (actor: Actor): DecideContext => ({ actor, now: T0 + 1000, newId: (() => { let n = 0; return () => `id${n++}`; })() });

const created: DomainEvent = {
  type: 'session.created',
  id: 's1',
  code: 'ABC234',
  at: T0,
  content: TEMPLATES[0].content,
  settings: { targetGroupSize: 5, lateJoiners: 'smallest', locked: false, language: 'nl', topicMinutes: 10, admitJoiners: true },
};
const person = (id: string, extra: Partial<Participant> = {}): Participant => ({ id, name: `Naam ${id}`, role: 'anders', organisation: `Org ${id}`, joinedAt: T0, groupId: null, removed: false, ...extra });
const joined = (p: Participant): DomainEvent => ({ type: 'participant.joined', participant: p });
const join = (participantId: string): Command => ({ type: 'participant:join', participantId, name: 'Nieuw', role: 'anders', organisation: 'X' });
const admit = (participantIds: string[] | 'all'): Command => ({ type: 'participant:admit', opId: 'o', participantIds });

/** Two groups of two (p1–p4), and w1, w2 waiting. */
function room(extra: DomainEvent[] = []): SessionState {
  return replay([
    created,
    ...['p1', 'p2', 'p3', 'p4'].map((id) => joined(person(id))),
    { type: 'groups.formed', groups: [{ id: 'g1', number: 1, memberIds: ['p1', 'p2'] }, { id: 'g2', number: 2, memberIds: ['p3', 'p4'] }] },
    joined(person('w1', { waiting: true })),
    joined(person('w2', { waiting: true })),
    ...extra,
  ])!;
}

type Row = { name: string; state: () => SessionState; actor: Actor; command: Command; expect: string | DomainEvent['type'][] };
const rows: Row[] = [
  { name: 'with the setting on, a joiner waits', state: room, actor: guest, command: join('w3'), expect: ['participant.joined'] },
  { name: 'someone waiting cannot add an answer', state: room, actor: as('w1'), command: { type: 'answer:add', answerId: 'a12345678', topicId: 'k1', questionId: 'q1', text: 'x' }, expect: 'forbidden' },
  { name: 'someone waiting cannot score', state: room, actor: as('w1'), command: { type: 'rating:set', opId: 'o', topicId: 'k1', now: 3 }, expect: 'forbidden' },
  { name: 'the facilitator lets one in', state: room, actor: facilitator, command: admit(['w1']), expect: ['participant.admitted'] },
  { name: 'the facilitator lets everyone who waits in', state: room, actor: facilitator, command: admit('all'), expect: ['participant.admitted', 'participant.admitted'] },
  { name: 'letting in someone already in changes nothing', state: () => room([{ type: 'participant.admitted', participant: person('w1', { groupId: 'g1' }) }]), actor: facilitator, command: admit(['w1']), expect: [] },
  { name: '"all" with nobody waiting changes nothing', state: () => room([{ type: 'participant.admitted', participant: person('w1') }, { type: 'participant.admitted', participant: person('w2') }]), actor: facilitator, command: admit('all'), expect: [] },
  { name: 'an id that names no one refuses the whole command', state: room, actor: facilitator, command: admit(['w1', 'nobody']), expect: 'not_found' },
  { name: 'a prototype name is no one', state: room, actor: facilitator, command: admit(['__proto__']), expect: 'not_found' },
  { name: 'someone refused (removed) cannot be let in', state: () => room([{ type: 'participant.removed', participantId: 'w1' }]), actor: facilitator, command: admit(['w1']), expect: 'not_found' },
  { name: 'refusing someone who waits', state: room, actor: facilitator, command: { type: 'participant:remove', opId: 'o', participantId: 'w1', block: true }, expect: ['participant.removed'] },
  { name: 'someone waiting cannot be moved into a group (let in first)', state: room, actor: facilitator, command: { type: 'participant:move', opId: 'o', participantId: 'w1', groupId: 'g1' }, expect: 'conflict' },
  { name: 'a participant cannot let anyone in', state: room, actor: as('p1'), command: admit(['w1']), expect: 'forbidden' },
];

describe('deelnemers toelaten: decide', () => {
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
});

function run(state: SessionState, actor: Actor, command: Command): SessionState {
  const d = decide(state, command, ctx(actor));
  if (!d.ok) throw new Error(`refused: ${d.code}`);
  for (const e of d.events) evolve(state, e);
  return state;
}

describe('deelnemers toelaten: decide + evolve', () => {
  it('a joiner waits without a group even when groups exist; off, they go straight to the smallest group', () => {
    const s = run(room(), guest, join('w3'));
    expect(s.participants.w3).toMatchObject({ waiting: true, groupId: null });
    expect(s.groups.flatMap((g) => g.memberIds)).not.toContain('w3');
    const open = run(room([{ type: 'settings.updated', settings: { admitJoiners: false } }]), guest, join('p5'));
    expect(open.participants.p5!.waiting).toBeUndefined();
    expect(open.participants.p5!.groupId).not.toBeNull();
  });

  it('let in all at once, they are spread over the groups like late joiners (each seeing the ones before)', () => {
    const s = run(room(), facilitator, admit('all'));
    expect(s.participants.w1).toMatchObject({ groupId: expect.any(String) });
    expect(s.participants.w1!.waiting).toBeUndefined();
    expect(s.groups.map((g) => g.memberIds.length)).toEqual([3, 3]);
    // Now they may write.
    expect(decide(s, { type: 'rating:set', opId: 'o', topicId: 'k1', now: 3 }, ctx(as('w1'))).ok).toBe(true);
  });

  it('groups are formed from those let in only', () => {
    const s = replay([created, ...['p1', 'p2', 'p3', 'p4'].map((id) => joined(person(id))), joined(person('w1', { waiting: true }))])!;
    run(s, facilitator, { type: 'groups:form', opId: 'o', seed: 'seed', targetSize: 4 });
    expect(s.groups.flatMap((g) => g.memberIds).sort()).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(s.participants.w1!.groupId).toBeNull();
  });

  it('the screen never has someone who waits (snapshot or live event); it gets them once let in', () => {
    const s = room();
    expect(Object.keys(screenView(s).participants).sort()).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(eventsForScreen([joined(person('w3', { waiting: true })), joined(person('p5'))]).map((e) => e.type === 'participant.joined' && e.participant.id)).toEqual(['p5']);
    const d = decide(s, admit(['w1']), ctx(facilitator));
    if (!d.ok) throw new Error('refused');
    const [forScreen] = eventsForScreen(d.events);
    expect(forScreen).toMatchObject({ type: 'participant.admitted', participant: { id: 'w1', organisation: '', deviceHash: null } });
    // A screen that folds it has the person, in their group.
    const screen = screenView(s);
    evolve(screen, forScreen!);
    expect(screen.participants.w1).toMatchObject({ name: 'Naam w1', groupId: expect.any(String) });
    expect(screen.groups.find((g) => g.id === screen.participants.w1!.groupId)!.memberIds).toContain('w1');
  });

  it("a waiting phone sees only itself; once in, its group's members", () => {
    const s = room();
    expect(Object.keys(participantView(s, 'w1').participants)).toEqual(['w1']);
    run(s, facilitator, admit(['w1']));
    expect(Object.keys(participantView(s, 'w1').participants).length).toBe(3);
  });
});
