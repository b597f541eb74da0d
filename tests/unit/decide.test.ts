/**
 * The session rules, table-driven: given a state built from events, a command from an
 * actor either yields events or a refusal with a code. No server, no sockets.
 */
import { describe, expect, it } from 'vitest';
import { decide, type DecideContext } from '../../shared/domain/decide.ts';
import { WHO_MAY, type ActorKind } from '../../shared/domain/permissions.ts';
import type { Command } from '../../shared/domain/commands.ts';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { evolve, replay } from '../../shared/domain/evolve.ts';
import type { Actor, Participant, SessionState } from '../../shared/domain/types.ts';
import { TEMPLATES } from '../../shared/templates.ts';
import { LIMITS, type Role } from '../../shared/constants.ts';

const T0 = 1_000_000;
const facilitator: Actor = { kind: 'facilitator' };
const guest: Actor = { kind: 'guest' };
const as = (participantId: string): Actor => ({ kind: 'participant', participantId });

function ctx(actor: Actor, now = T0 + 1000): DecideContext {
  let n = 0;
  return { actor, now, newId: () => `id${n++}` };
}

const created: DomainEvent = {
  type: 'session.created',
  id: 's1',
  code: 'ABC234',
  at: T0,
  content: TEMPLATES[0].content,
  settings: { targetGroupSize: 5, lateJoiners: 'smallest', locked: false, language: 'nl', topicMinutes: 10 },
};

const person = (id: string, role: Role, groupId: string | null = null): Participant => ({
  id,
  name: `Naam ${id}`,
  role,
  organisation: `Org ${id}`,
  joinedAt: T0,
  groupId,
  removed: false,
});

/** A session in the dialogue: 8 people in groups g1 (p1–p4) and g2 (p5–p8), at the first topic. */
function dialogueState(extra: DomainEvent[] = []): SessionState {
  return replay(dialogueEvents(extra))!;
}

function dialogueEvents(extra: DomainEvent[] = []): DomainEvent[] {
  const people = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'].map((id, i) => person(id, i % 2 ? 'opdrachtnemer' : 'opdrachtgever'));
  return [
    created,
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

const answerAdded = (id: string, authorId: string, groupId: string): DomainEvent => ({
  type: 'answer.added',
  answer: { id, groupId, topicId: 'k1', questionId: 'q1', authorId, text: 'eerste', createdAt: T0, updatedAt: T0, rev: 1, hidden: false },
});

const moved = (participantId: string, groupId: string | null): DomainEvent => ({ type: 'participant.moved', participantId, groupId });
const TIMER_MAX_MS = LIMITS.timerMaxSeconds * 1000;

type Row = { name: string; state: () => SessionState; actor: Actor; command: Command; expect: string | DomainEvent['type'][] };

const rows: Row[] = [
  // Authorisation: what only the facilitator may do.
  { name: 'participant cannot form groups', state: dialogueState, actor: as('p1'), command: { type: 'groups:form', opId: 'o', seed: 's' }, expect: 'forbidden' },
  { name: 'participant cannot change step', state: dialogueState, actor: as('p1'), command: { type: 'step:set', opId: 'o', stepIndex: 3 }, expect: 'forbidden' },
  { name: 'participant cannot hide answers', state: () => dialogueState([answerAdded('a1', 'p2', 'g1')]), actor: as('p1'), command: { type: 'answer:hide', opId: 'o', answerId: 'a1', hidden: true }, expect: 'forbidden' },
  { name: 'participant cannot remove people', state: dialogueState, actor: as('p1'), command: { type: 'participant:remove', opId: 'o', participantId: 'p2' }, expect: 'forbidden' },
  { name: 'participant cannot end the session', state: dialogueState, actor: as('p1'), command: { type: 'session:end', opId: 'o' }, expect: 'forbidden' },
  { name: 'guest cannot answer', state: dialogueState, actor: guest, command: { type: 'answer:add', answerId: 'a12345678', topicId: 'k1', questionId: 'q1', text: 'x' }, expect: 'unauthorized' },
  { name: 'facilitator cannot join as participant', state: dialogueState, actor: facilitator, command: { type: 'participant:join', participantId: 'p9', name: 'X', role: 'anders', organisation: '' }, expect: 'forbidden' },

  // Joining.
  { name: 'join lands in the smallest group once groups exist', state: () => dialogueState([{ type: 'participant.moved', participantId: 'p8', groupId: 'g1' }]), actor: guest, command: { type: 'participant:join', participantId: 'p9', name: 'Nieuw', role: 'anders', organisation: '' }, expect: ['participant.joined'] },
  { name: 'join refused when locked', state: () => dialogueState([{ type: 'settings.updated', settings: { locked: true } }]), actor: guest, command: { type: 'participant:join', participantId: 'p9', name: 'X', role: 'anders', organisation: '' }, expect: 'locked' },
  { name: 'join refused when ended', state: () => dialogueState([{ type: 'session.ended', at: T0 }]), actor: guest, command: { type: 'participant:join', participantId: 'p9', name: 'X', role: 'anders', organisation: '' }, expect: 'ended' },

  // Answers.
  { name: 'member adds an answer', state: dialogueState, actor: as('p1'), command: { type: 'answer:add', answerId: 'a12345678', topicId: 'k1', questionId: 'q1', text: 'x' }, expect: ['answer.added'] },
  { name: 'resending the same answer id changes nothing', state: () => dialogueState([answerAdded('a1', 'p1', 'g1')]), actor: as('p1'), command: { type: 'answer:add', answerId: 'a1', topicId: 'k1', questionId: 'q1', text: 'eerste' }, expect: [] },
  { name: 'someone else cannot take an answer id', state: () => dialogueState([answerAdded('a1', 'p1', 'g1')]), actor: as('p2'), command: { type: 'answer:add', answerId: 'a1', topicId: 'k1', questionId: 'q1', text: 'x' }, expect: 'conflict' },
  { name: 'unknown topic', state: dialogueState, actor: as('p1'), command: { type: 'answer:add', answerId: 'a12345678', topicId: 'zz', questionId: 'q1', text: 'x' }, expect: 'not_found' },
  { name: 'unknown question', state: dialogueState, actor: as('p1'), command: { type: 'answer:add', answerId: 'a12345678', topicId: 'k1', questionId: 'zz', text: 'x' }, expect: 'not_found' },
  { name: 'no group yet', state: () => replay([created, { type: 'participant.joined', participant: person('p1', 'anders') }])!, actor: as('p1'), command: { type: 'answer:add', answerId: 'a12345678', topicId: 'k1', questionId: 'q1', text: 'x' }, expect: 'conflict' },
  { name: 'author edits with a newer rev', state: () => dialogueState([answerAdded('a1', 'p1', 'g1')]), actor: as('p1'), command: { type: 'answer:edit', answerId: 'a1', text: 'beter', rev: 2 }, expect: ['answer.edited'] },
  { name: 'a stale or repeated edit changes nothing', state: () => dialogueState([answerAdded('a1', 'p1', 'g1')]), actor: as('p1'), command: { type: 'answer:edit', answerId: 'a1', text: 'oud', rev: 1 }, expect: [] },
  { name: "a member cannot edit another member's answer", state: () => dialogueState([answerAdded('a1', 'p1', 'g1')]), actor: as('p2'), command: { type: 'answer:edit', answerId: 'a1', text: 'weg ermee', rev: 5 }, expect: 'forbidden' },
  { name: 'another group cannot delete it either', state: () => dialogueState([answerAdded('a1', 'p1', 'g1')]), actor: as('p5'), command: { type: 'answer:delete', opId: 'o', answerId: 'a1' }, expect: 'forbidden' },
  { name: 'deleting an answer that does not exist', state: dialogueState, actor: as('p1'), command: { type: 'answer:delete', opId: 'o', answerId: 'nope' }, expect: 'not_found' },
  { name: 'removed participant cannot write', state: () => dialogueState([{ type: 'participant.removed', participantId: 'p1' }]), actor: as('p1'), command: { type: 'answer:add', answerId: 'a12345678', topicId: 'k1', questionId: 'q1', text: 'x' }, expect: 'unauthorized' },
  { name: 'nothing is written after the end', state: () => dialogueState([{ type: 'session.ended', at: T0 }]), actor: as('p1'), command: { type: 'answer:add', answerId: 'a12345678', topicId: 'k1', questionId: 'q1', text: 'x' }, expect: 'ended' },

  // Takeaway: Yjs updates the server prepared (applied to a copy first); decide checks who may write where.
  { name: 'a member stores a takeaway update', state: dialogueState, actor: as('p1'), command: { type: 'takeaway:update', opId: 'o', groupId: 'g1', update: 'AQ==', text: 'mee', compacted: null }, expect: ['takeaway.updated'] },
  { name: 'every N updates the document is compacted too', state: dialogueState, actor: as('p1'), command: { type: 'takeaway:update', opId: 'o', groupId: 'g1', update: 'AQ==', text: 'mee', compacted: 'AgM=' }, expect: ['takeaway.updated', 'takeaway.compacted'] },
  { name: 'an update that brings nothing new changes nothing', state: dialogueState, actor: as('p1'), command: { type: 'takeaway:update', opId: 'o', groupId: 'g1', update: null, text: 'mee', compacted: null }, expect: [] },
  { name: "a member of another group cannot write this group's takeaway", state: dialogueState, actor: as('p5'), command: { type: 'takeaway:update', opId: 'o', groupId: 'g1', update: 'AQ==', text: 'x', compacted: null }, expect: 'forbidden' },
  { name: 'a removed member cannot write the takeaway', state: () => dialogueState([{ type: 'participant.removed', participantId: 'p1' }]), actor: as('p1'), command: { type: 'takeaway:update', opId: 'o', groupId: 'g1', update: 'AQ==', text: 'x', compacted: null }, expect: 'unauthorized' },

  // Facilitator.
  { name: 'regrouping after groups wrote is refused', state: () => dialogueState([answerAdded('a1', 'p1', 'g1')]), actor: facilitator, command: { type: 'groups:form', opId: 'o', seed: 's' }, expect: 'conflict' },
  { name: 'regrouping before anyone wrote is fine', state: dialogueState, actor: facilitator, command: { type: 'groups:form', opId: 'o', seed: 's' }, expect: ['groups.formed'] },
  { name: 'grouping an empty room is refused', state: () => replay([created])!, actor: facilitator, command: { type: 'groups:form', opId: 'o', seed: 's' }, expect: 'conflict' },
  { name: 'forming groups in the lobby moves on to the groups step', state: () => replay([created, { type: 'participant.joined', participant: person('p1', 'anders') }])!, actor: facilitator, command: { type: 'groups:form', opId: 'o', seed: 's' }, expect: ['groups.formed', 'step.changed'] },
  { name: 'a topic step needs groups', state: () => replay([created])!, actor: facilitator, command: { type: 'step:set', opId: 'o', stepIndex: 2 }, expect: 'conflict' },
  { name: 'a step that does not exist', state: dialogueState, actor: facilitator, command: { type: 'step:set', opId: 'o', stepIndex: 99 }, expect: 'invalid' },
  { name: 'feedback starts with a spotlight on group 1', state: dialogueState, actor: facilitator, command: { type: 'step:set', opId: 'o', stepIndex: 10 }, expect: ['step.changed', 'spotlight.set'] },
  { name: 'content is fixed once the dialogue started', state: dialogueState, actor: facilitator, command: { type: 'content:update', opId: 'o', content: TEMPLATES[1].content }, expect: 'conflict' },
  { name: 'content can change in the lobby; the topic steps follow', state: () => replay([created])!, actor: facilitator, command: { type: 'content:update', opId: 'o', content: TEMPLATES[1].content }, expect: ['content.updated', 'agenda.set'] },
  { name: 'moving to a group that does not exist', state: dialogueState, actor: facilitator, command: { type: 'participant:move', opId: 'o', participantId: 'p1', groupId: 'nope' }, expect: 'not_found' },
  { name: 'moving someone', state: dialogueState, actor: facilitator, command: { type: 'participant:move', opId: 'o', participantId: 'p1', groupId: 'g2' }, expect: ['participant.moved'] },
  { name: 'spotlight on an unknown group', state: dialogueState, actor: facilitator, command: { type: 'spotlight:set', opId: 'o', groupId: 'nope' }, expect: 'not_found' },
  { name: 'pausing a timer that does not run changes nothing', state: dialogueState, actor: facilitator, command: { type: 'timer:pause', opId: 'o' }, expect: [] },

  // A participant moved to another group: their answers stay with the group that wrote them.
  { name: 'a moved member cannot edit an answer left in the old group', state: () => dialogueState([answerAdded('a1', 'p1', 'g1'), moved('p1', 'g2')]), actor: as('p1'), command: { type: 'answer:edit', answerId: 'a1', text: 'nieuw', rev: 2 }, expect: 'forbidden' },
  { name: 'a moved member cannot delete an answer left in the old group', state: () => dialogueState([answerAdded('a1', 'p1', 'g1'), moved('p1', 'g2')]), actor: as('p1'), command: { type: 'answer:delete', opId: 'o', answerId: 'a1' }, expect: 'forbidden' },
  { name: 'a member sent to the lobby cannot edit either', state: () => dialogueState([answerAdded('a1', 'p1', 'g1'), moved('p1', null)]), actor: as('p1'), command: { type: 'answer:edit', answerId: 'a1', text: 'nieuw', rev: 2 }, expect: 'forbidden' },
  { name: 'moved back, the answer is theirs to edit again', state: () => dialogueState([answerAdded('a1', 'p1', 'g1'), moved('p1', 'g2'), moved('p1', 'g1')]), actor: as('p1'), command: { type: 'answer:edit', answerId: 'a1', text: 'nieuw', rev: 2 }, expect: ['answer.edited'] },
  { name: 'a moved member writes new answers in the new group', state: () => dialogueState([answerAdded('a1', 'p1', 'g1'), moved('p1', 'g2')]), actor: as('p1'), command: { type: 'answer:add', answerId: 'a23456789', topicId: 'k1', questionId: 'q1', text: 'x' }, expect: ['answer.added'] },

  // Timer extensions are bounded by LIMITS.timerMaxSeconds.
  { name: 'extending a timer at the maximum is refused', state: () => dialogueState([{ type: 'timer.changed', timer: { status: 'paused', durationMs: TIMER_MAX_MS, remainingMs: TIMER_MAX_MS } }]), actor: facilitator, command: { type: 'timer:extend', opId: 'o', seconds: 60 }, expect: 'conflict' },
  { name: 'taking time off a timer at the maximum is fine', state: () => dialogueState([{ type: 'timer.changed', timer: { status: 'paused', durationMs: TIMER_MAX_MS, remainingMs: TIMER_MAX_MS } }]), actor: facilitator, command: { type: 'timer:extend', opId: 'o', seconds: -60 }, expect: ['timer.changed'] },

  // Ids from clients that name something that is not there, prototype names included.
  ...(['__proto__', 'constructor', 'toString', 'hasOwnProperty'] as const).flatMap((id): Row[] => [
    { name: `moving participant "${id}" is refused`, state: dialogueState, actor: facilitator, command: { type: 'participant:move', opId: 'o', participantId: id, groupId: 'g1' }, expect: 'not_found' },
    { name: `removing participant "${id}" is refused`, state: dialogueState, actor: facilitator, command: { type: 'participant:remove', opId: 'o', participantId: id }, expect: 'not_found' },
    { name: `hiding answer "${id}" is refused`, state: dialogueState, actor: facilitator, command: { type: 'answer:hide', opId: 'o', answerId: id, hidden: true }, expect: 'not_found' },
    { name: `spotlight on group "${id}" is refused`, state: dialogueState, actor: facilitator, command: { type: 'spotlight:set', opId: 'o', groupId: id }, expect: 'not_found' },
    { name: `moving someone to group "${id}" is refused`, state: dialogueState, actor: facilitator, command: { type: 'participant:move', opId: 'o', participantId: 'p1', groupId: id }, expect: 'not_found' },
    { name: `editing answer "${id}" is refused`, state: dialogueState, actor: as('p1'), command: { type: 'answer:edit', answerId: id, text: 'x', rev: 2 }, expect: 'not_found' },
    { name: `deleting answer "${id}" is refused`, state: dialogueState, actor: as('p1'), command: { type: 'answer:delete', opId: 'o', answerId: id }, expect: 'not_found' },
    { name: `participant "${id}" cannot act`, state: dialogueState, actor: as(id), command: { type: 'rating:set', opId: 'o', topicId: 'k1', now: 3 }, expect: 'unauthorized' },
  ]),
  { name: 'a new answer may not be called "__proto__"', state: dialogueState, actor: as('p1'), command: { type: 'answer:add', answerId: '__proto__', topicId: 'k1', questionId: 'q1', text: 'x' }, expect: 'invalid' },
  { name: 'a new answer may not be called "constructor"', state: dialogueState, actor: as('p1'), command: { type: 'answer:add', answerId: 'constructor', topicId: 'k1', questionId: 'q1', text: 'x' }, expect: 'invalid' },
  // Quota: answers per participant per question (one person cannot fill the disk).
  {
    name: `the ${LIMITS.answersPerQuestion}th answer to one question is accepted`,
    state: () => dialogueState(Array.from({ length: LIMITS.answersPerQuestion - 1 }, (_, i) => answerAdded(`q${i}`, 'p1', 'g1'))),
    actor: as('p1'),
    command: { type: 'answer:add', answerId: 'last', topicId: 'k1', questionId: 'q1', text: 'x' },
    expect: ['answer.added'],
  },
  {
    name: 'one more answer to that question is refused as full',
    state: () => dialogueState(Array.from({ length: LIMITS.answersPerQuestion }, (_, i) => answerAdded(`q${i}`, 'p1', 'g1'))),
    actor: as('p1'),
    command: { type: 'answer:add', answerId: 'more', topicId: 'k1', questionId: 'q1', text: 'x' },
    expect: 'full',
  },
  {
    name: 'another question, or another member of the group, is not affected by that quota',
    state: () => dialogueState(Array.from({ length: LIMITS.answersPerQuestion }, (_, i) => answerAdded(`q${i}`, 'p2', 'g1'))),
    actor: as('p1'),
    command: { type: 'answer:add', answerId: 'mine', topicId: 'k1', questionId: 'q1', text: 'x' },
    expect: ['answer.added'],
  },
];

describe('decide', () => {
  it.each(rows)('$name', ({ state, actor, command, expect: expected }) => {
    const s = state();
    const before = JSON.stringify(s);
    const decision = decide(s, command, ctx(actor));
    if (typeof expected === 'string') {
      expect(decision).toMatchObject({ ok: false, code: expected });
    } else {
      expect(decision.ok).toBe(true);
      if (decision.ok) expect(decision.events.map((e) => e.type)).toEqual(expected);
    }
    // decide never mutates the state it is given.
    expect(JSON.stringify(s)).toBe(before);
  });
});

describe('decide + evolve', () => {
  function run(state: SessionState, actor: Actor, command: Command, now = T0 + 1000) {
    const d = decide(state, command, ctx(actor, now));
    if (!d.ok) throw new Error(`refused: ${d.code}`);
    for (const e of d.events) evolve(state, e);
    return state;
  }

  it('a late joiner goes to the smallest group, and to the lobby when the facilitator says so', () => {
    const s = dialogueState([{ type: 'participant.moved', participantId: 'p8', groupId: 'g1' }]);
    run(s, guest, { type: 'participant:join', participantId: 'p9', name: 'Laat', role: 'anders', organisation: '' });
    expect(s.participants.p9!.groupId).toBe('g2');
    expect(s.groups.find((g) => g.id === 'g2')!.memberIds).toContain('p9');
    run(s, facilitator, { type: 'settings:update', opId: 'o', settings: { lateJoiners: 'lobby' } });
    run(s, guest, { type: 'participant:join', participantId: 'p10', name: 'Later', role: 'anders', organisation: '' });
    expect(s.participants.p10!.groupId).toBeNull();
  });

  it('ratings: members set now and want separately; the group has one of each', () => {
    const s = dialogueState();
    run(s, as('p1'), { type: 'rating:set', opId: 'o1', topicId: 'k1', now: 2 });
    run(s, as('p2'), { type: 'rating:set', opId: 'o2', topicId: 'k1', want: 5 });
    expect(s.ratings['g1/k1']).toMatchObject({ now: 2, want: 5, updatedBy: 'p2' });
    run(s, as('p3'), { type: 'rating:set', opId: 'o3', topicId: 'k1', now: null });
    expect(s.ratings['g1/k1']).toMatchObject({ now: null, want: 5 });
    expect(s.ratings['g2/k1']).toBeUndefined();
  });

  it('the timer starts, pauses with the time left, gets a minute more and resumes', () => {
    const s = dialogueState();
    run(s, facilitator, { type: 'timer:start', opId: 'o' }, T0);
    expect(s.timer).toEqual({ status: 'running', durationMs: 600_000, endsAt: T0 + 600_000 });
    run(s, facilitator, { type: 'timer:pause', opId: 'o' }, T0 + 100_000);
    expect(s.timer).toEqual({ status: 'paused', durationMs: 600_000, remainingMs: 500_000 });
    run(s, facilitator, { type: 'timer:extend', opId: 'o', seconds: 60 }, T0 + 200_000);
    expect(s.timer).toMatchObject({ status: 'paused', remainingMs: 560_000 });
    run(s, facilitator, { type: 'timer:start', opId: 'o' }, T0 + 300_000);
    expect(s.timer).toMatchObject({ status: 'running', endsAt: T0 + 300_000 + 560_000 });
  });

  it('removing someone takes them out of their group but keeps what they wrote', () => {
    const s = dialogueState([answerAdded('a1', 'p1', 'g1')]);
    run(s, facilitator, { type: 'participant:remove', opId: 'o', participantId: 'p1' });
    expect(s.groups[0]!.memberIds).not.toContain('p1');
    expect(s.participants.p1!.removed).toBe(true);
    expect(s.answers.a1!.text).toBe('eerste');
  });

  it('extensions stop at the maximum: running, paused and idle timers alike', () => {
    const s = dialogueState();
    run(s, facilitator, { type: 'timer:start', opId: 'o', seconds: LIMITS.timerMaxSeconds - 30 }, T0);
    run(s, facilitator, { type: 'timer:extend', opId: 'o', seconds: 3600 }, T0);
    expect(s.timer).toEqual({ status: 'running', durationMs: TIMER_MAX_MS, endsAt: T0 + TIMER_MAX_MS });
    run(s, facilitator, { type: 'timer:pause', opId: 'o' }, T0 + 60_000);
    run(s, facilitator, { type: 'timer:extend', opId: 'o', seconds: 3600 }, T0 + 60_000);
    expect(s.timer).toEqual({ status: 'paused', durationMs: TIMER_MAX_MS, remainingMs: TIMER_MAX_MS });
    run(s, facilitator, { type: 'timer:reset', opId: 'o' });
    expect(decide(s, { type: 'timer:extend', opId: 'o', seconds: 60 }, ctx(facilitator))).toMatchObject({ ok: false, key: 'error.timerMax' });
  });

  it('a session rebuilt from its events equals the one that was run live (what a restart does)', () => {
    // Run commands the way the server does (decide, then fold into the live state) and keep
    // every event; replaying them from scratch must give the same session, and must not share
    // objects with the events (a later edit of the state may not rewrite history).
    const live = dialogueState();
    const history: DomainEvent[] = [];
    const step = (actor: Actor, command: Command, now = T0 + 1000) => {
      const d = decide(live, command, ctx(actor, now));
      if (!d.ok) throw new Error(`refused: ${d.code}`);
      for (const e of d.events) {
        history.push(structuredClone(e));
        evolve(live, e);
      }
    };
    step(as('p1'), { type: 'answer:add', answerId: 'a12345678', topicId: 'k1', questionId: 'q1', text: 'eerste' });
    step(as('p1'), { type: 'answer:edit', answerId: 'a12345678', text: 'beter', rev: 2 }, T0 + 2000);
    step(as('p5'), { type: 'rating:set', opId: 'o1', topicId: 'k1', now: 3, want: 5 });
    step(facilitator, { type: 'participant:move', opId: 'o2', participantId: 'p1', groupId: 'g2' });
    step(facilitator, { type: 'answer:hide', opId: 'o3', answerId: 'a12345678', hidden: true });
    step(facilitator, { type: 'timer:start', opId: 'o4' }, T0 + 5000);
    step(facilitator, { type: 'participant:remove', opId: 'o5', participantId: 'p2' });

    const rebuilt = replay([...dialogueEvents(), ...history])!;
    expect(rebuilt).toEqual(live);
    expect(rebuilt.answers.a12345678).toMatchObject({ text: 'beter', rev: 2, hidden: true, groupId: 'g1' });
    expect(rebuilt.groups.find((g) => g.id === 'g2')!.memberIds).toContain('p1');

    rebuilt.answers.a12345678!.text = 'veranderd';
    const added = history.find((e) => e.type === 'answer.added');
    expect(added?.type === 'answer.added' && added.answer.text).toBe('eerste');
  });
});

describe('who may send what (the one table in permissions.ts)', () => {
  const actors: Record<ActorKind, Actor> = { guest, participant: as('p1'), facilitator };
  const cases = (Object.entries(WHO_MAY) as [Command['type'], ActorKind][]).flatMap(([type, allowed]) =>
    (Object.keys(actors) as ActorKind[]).filter((k) => k !== allowed).map((kind) => ({ type, kind })),
  );
  it.each(cases)('$type from a $kind is refused before any rule looks at it', ({ type, kind }) => {
    // Only the type is real: a refusal must come before anything reads the rest.
    const decision = decide(dialogueState(), { type } as Command, ctx(actors[kind]));
    expect(decision).toMatchObject({ ok: false, code: kind === 'guest' ? expect.stringMatching(/^(unauthorized|forbidden)$/) : 'forbidden' });
  });
});
