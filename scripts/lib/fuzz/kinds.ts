/**
 * The hostile messages, per sender. Each kind names the stage it is built to reach, and a
 * weight: kinds that only test the door (unknown events, the sender check, oversized frames)
 * need a few hundred tries, not a share equal to the kinds that reach the schema and the
 * rules, which is where the variety is.
 */
import { nanoid } from 'nanoid';
import type { SessionContent } from '../../../shared/domain/types.ts';

export interface Ctx {
  /** An answer of another group in the session under attack. */
  readonly otherGroupAnswerId: string;
  /** An answer, a group and a participant of another session. */
  readonly otherSessionAnswerId: string;
  readonly otherSessionGroupId: string;
  readonly otherSessionParticipantId: string;
  /** A real group and the session's content, so facilitator commands pass the schema and meet the rules. */
  readonly groupId: string;
  readonly content: SessionContent;
  readonly code: string;
  /** The lane's own group (a participant's, or any group for other senders) and another group of the session. */
  readonly self: { readonly groupId: string; readonly otherGroupId: string };
}

/** One hostile message: the event, its arguments, and whether it passes an ack callback. */
export interface Attack {
  readonly event: string;
  readonly args: unknown[];
  readonly ack: boolean;
  /** Over the server's frame limit: the server closes the socket. */
  readonly big?: boolean;
}

export type Stage = 'transport' | 'event' | 'auth' | 'schema' | 'rules';

export interface Kind {
  readonly name: string;
  /** The stage this kind is built to reach (printed; the counts come from the acks). */
  readonly aims: Stage;
  readonly weight: number;
  /** The command this kind needs; left out when the server does not know it (yet). */
  readonly needs?: string;
  make(ctx: Ctx): Attack;
}

const DEEP = 3;
const DOOR = 1;

function deep(levels: number): unknown {
  let v: unknown = 'bodem';
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}

const ZALGO = 'E' + '\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308'.repeat(40);
const RTL = '\u202Eevil\u202C\u2067naam\u2069';
const LONE_SURROGATE = 'abc\uD800def\uDC00';
/** Ids the schema refuses. */
const INJECTIONS = ["'; DROP TABLE commits;--", '../../etc/passwd', '<script>alert(1)</script>', '\u0000nul', 'x'.repeat(65)];
/** Ids the schema lets through, so the rules must not find them on Object.prototype. */
const PROTOTYPE_IDS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const answer = (fields: Record<string, unknown>) => ({ answerId: nanoid(), topicId: 'k1', questionId: 'q1', text: 'x', ...fields });

const oversizedFrame: Kind = {
  name: 'oversized frames',
  aims: 'transport',
  weight: DOOR,
  make: () => ({ event: 'answer:add', args: [answer({ text: 'y'.repeat(200_000) })], ack: true, big: true }),
};
const unknownEvents: Kind = { name: 'unknown events', aims: 'event', weight: DOOR, make: () => ({ event: `admin:${nanoid(6)}`, args: [{ all: true }], ack: true }) };
const prototypeEvents: Kind = {
  name: 'prototype names as events',
  aims: 'event',
  weight: DOOR,
  make: () => ({ event: pick(['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf']), args: [{}], ack: true }),
};
const zalgoJoin: Kind = {
  name: 'Zalgo names',
  aims: 'auth',
  weight: DOOR,
  make: (ctx) => ({ event: 'session:join', args: [{ code: ctx.code, name: ZALGO, role: 'anders', organisation: ZALGO }], ack: true }),
};
const rtlJoin: Kind = {
  name: 'RTL names',
  aims: 'auth',
  weight: DOOR,
  make: (ctx) => ({ event: 'session:join', args: [{ code: ctx.code, name: RTL, role: 'anders', organisation: RTL }], ack: true }),
};

/** A signed-in participant of the session (also the outsider from another session). */
export const PARTICIPANT_KINDS: readonly Kind[] = [
  { name: 'wrong types', aims: 'schema', weight: DEEP, make: () => ({ event: 'answer:add', args: [{ answerId: 42, topicId: true, questionId: null, text: ['x'] }], ack: true }) },
  { name: 'missing fields', aims: 'schema', weight: DEEP, make: () => ({ event: 'rating:set', args: [{ topicId: 'k1' }], ack: true }) },
  { name: 'extra fields', aims: 'schema', weight: DEEP, make: () => ({ event: 'answer:add', args: [answer({ admin: true })], ack: true }) },
  {
    name: '__proto__ keys',
    aims: 'schema',
    weight: DEEP,
    make: () => ({
      event: 'rating:set',
      args: [JSON.parse(`{"opId":"${nanoid()}","topicId":"k1","now":3,"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}`)],
      ack: true,
    }),
  },
  { name: 'deep nesting', aims: 'schema', weight: DEEP, make: () => ({ event: 'answer:add', args: [answer({ text: deep(500) })], ack: true }) },
  { name: 'oversized strings', aims: 'schema', weight: DEEP, make: () => ({ event: 'answer:add', args: [answer({ text: 'x'.repeat(20_000) })], ack: true }) },
  { name: 'binary attachments', aims: 'schema', weight: DEEP, make: () => ({ event: 'answer:add', args: [answer({ text: Buffer.from('binair') })], ack: true }) },
  { name: 'invalid UTF-16', aims: 'schema', weight: DEEP, make: () => ({ event: 'answer:add', args: [answer({ answerId: 'x', topicId: LONE_SURROGATE, text: LONE_SURROGATE })], ack: true }) },
  { name: 'non-object payloads', aims: 'schema', weight: DEEP, make: () => ({ event: pick(['answer:add', 'rating:set', 'answer:delete']), args: [pick(['start', null, 42, [], true])], ack: true }) },
  { name: 'injection ids', aims: 'schema', weight: DEEP, make: () => ({ event: 'answer:delete', args: [{ opId: nanoid(), answerId: pick(INJECTIONS) }], ack: true }) },
  {
    name: 'prototype names as ids',
    aims: 'rules',
    weight: DEEP,
    make: () =>
      Math.random() < 0.5
        ? { event: 'answer:edit', args: [{ answerId: pick(PROTOTYPE_IDS), text: 'x', rev: 1 }], ack: true }
        : { event: 'answer:delete', args: [{ opId: nanoid(), answerId: pick(PROTOTYPE_IDS) }], ack: true },
  },
  { name: 'another group', aims: 'rules', weight: DEEP, make: (ctx) => ({ event: 'answer:edit', args: [{ answerId: ctx.otherGroupAnswerId, text: 'overgenomen', rev: 99 }], ack: true }) },
  { name: 'delete of another group', aims: 'rules', weight: DEEP, make: (ctx) => ({ event: 'answer:delete', args: [{ opId: 'zelfde-sleutel-01', answerId: ctx.otherGroupAnswerId }], ack: true }) },
  { name: 'another session', aims: 'rules', weight: DEEP, make: (ctx) => ({ event: 'answer:delete', args: [{ opId: nanoid(), answerId: ctx.otherSessionAnswerId }], ack: true }) },
  {
    name: "another's answer id",
    aims: 'rules',
    weight: DEEP,
    make: (ctx) => ({ event: 'answer:add', args: [answer({ answerId: ctx.otherGroupAnswerId, text: 'mijn versie' })], ack: true }),
  },
  { name: 'unknown topic', aims: 'rules', weight: DEEP, make: () => ({ event: 'answer:add', args: [answer({ topicId: 'k999' })], ack: true }) },
  { name: 'rating of unknown topic', aims: 'rules', weight: DEEP, make: () => ({ event: 'rating:set', args: [{ opId: nanoid(), topicId: 'k999', now: 3 }], ack: true }) },
  {
    name: 'drafts: impossible counts',
    aims: 'schema',
    weight: DEEP,
    needs: 'drafts:report',
    make: () => ({ event: 'drafts:report', args: [{ count: pick([-1, 1e9, 2.5, 'veel', null, Number.NaN]) }], ack: true }),
  },
  { name: 'facilitator events from participants', aims: 'auth', weight: DOOR, make: () => ({ event: 'session:end', args: [{ opId: nanoid() }], ack: true }) },
  { name: 'missing ack callbacks', aims: 'auth', weight: DOOR, make: () => ({ event: 'groups:form', args: [{ opId: nanoid() }], ack: false }) },
  zalgoJoin,
  rtlJoin,
  unknownEvents,
  prototypeEvents,
  oversizedFrame,
];

/**
 * A participant of another session: their messages go to their own session, so ids taken from
 * the session under attack must be unknown there. (Adding an answer with such an id is fine:
 * answer ids are per session, so that kind is left out.)
 */
export const OUTSIDER_KINDS: readonly Kind[] = PARTICIPANT_KINDS.filter((k) => k.name !== "another's answer id");

/** A participant removed before the attack, still connected: everything must stop at the rules. */
export const REMOVED_KINDS: readonly Kind[] = [
  { name: 'writes after removal', aims: 'rules', weight: DEEP, make: () => ({ event: 'answer:add', args: [answer({ text: 'ik ben er nog' })], ack: true }) },
  { name: 'ratings after removal', aims: 'rules', weight: DEEP, make: () => ({ event: 'rating:set', args: [{ opId: nanoid(), topicId: 'k1', now: 5 }], ack: true }) },
  { name: 'deletes after removal', aims: 'rules', weight: DEEP, make: (ctx) => ({ event: 'answer:delete', args: [{ opId: nanoid(), answerId: ctx.otherGroupAnswerId }], ack: true }) },
  { name: 'wrong types', aims: 'schema', weight: DEEP, make: () => ({ event: 'answer:add', args: [{ answerId: 42, topicId: true, questionId: null, text: ['x'] }], ack: true }) },
  { name: 'drafts after removal', aims: 'rules', weight: DEEP, needs: 'drafts:report', make: () => ({ event: 'drafts:report', args: [{ count: 3 }], ack: true }) },
  unknownEvents,
];

/** The facilitator: every message well aimed, none of them allowed. */
export const FACILITATOR_KINDS: readonly Kind[] = [
  { name: 'wrong types', aims: 'schema', weight: DEEP, make: () => ({ event: 'step:set', args: [{ opId: nanoid(), stepIndex: 'drie' }], ack: true }) },
  { name: 'missing fields', aims: 'schema', weight: DEEP, make: () => ({ event: 'participant:move', args: [{ opId: nanoid() }], ack: true }) },
  { name: 'extra fields', aims: 'schema', weight: DEEP, make: () => ({ event: 'timer:pause', args: [{ opId: nanoid(), admin: true }], ack: true }) },
  {
    name: '__proto__ keys',
    aims: 'schema',
    weight: DEEP,
    make: (ctx) => ({
      event: 'participant:move',
      args: [JSON.parse(`{"opId":"${nanoid()}","participantId":"${ctx.otherSessionParticipantId}","groupId":null,"__proto__":{"isAdmin":true}}`)],
      ack: true,
    }),
  },
  {
    name: 'oversized content',
    aims: 'schema',
    weight: DEEP,
    make: (ctx) => ({ event: 'content:update', args: [{ opId: nanoid(), content: { ...ctx.content, title: 'T'.repeat(30_000) } }], ack: true }),
  },
  { name: 'out-of-range numbers', aims: 'schema', weight: DEEP, make: () => ({ event: 'timer:extend', args: [{ opId: nanoid(), seconds: pick([1e12, -1e12, Number.NaN, 0.5]) }], ack: true }) },
  { name: 'non-object payloads', aims: 'schema', weight: DEEP, make: () => ({ event: pick(['timer:start', 'session:end', 'groups:form']), args: [pick(['start', null, 42, [], true])], ack: true }) },
  { name: 'injection ids', aims: 'schema', weight: DEEP, make: () => ({ event: 'participant:remove', args: [{ opId: nanoid(), participantId: pick(INJECTIONS) }], ack: true }) },
  {
    name: 'prototype names as ids',
    aims: 'rules',
    weight: DEEP,
    make: () => {
      const id = pick(PROTOTYPE_IDS);
      return pick([
        { event: 'participant:remove', args: [{ opId: nanoid(), participantId: id }], ack: true },
        { event: 'participant:move', args: [{ opId: nanoid(), participantId: id, groupId: null }], ack: true },
        { event: 'answer:hide', args: [{ opId: nanoid(), answerId: id, hidden: true }], ack: true },
        { event: 'spotlight:set', args: [{ opId: nanoid(), groupId: id }], ack: true },
      ]);
    },
  },
  { name: 'spotlight for a foreign group', aims: 'rules', weight: DEEP, make: (ctx) => ({ event: 'spotlight:set', args: [{ opId: nanoid(), groupId: ctx.otherSessionGroupId }], ack: true }) },
  {
    name: "move another session's participant",
    aims: 'rules',
    weight: DEEP,
    make: (ctx) => ({ event: 'participant:move', args: [{ opId: nanoid(), participantId: ctx.otherSessionParticipantId, groupId: ctx.groupId }], ack: true }),
  },
  {
    name: "remove another session's participant",
    aims: 'rules',
    weight: DEEP,
    make: (ctx) => ({ event: 'participant:remove', args: [{ opId: nanoid(), participantId: ctx.otherSessionParticipantId, block: true }], ack: true }),
  },
  {
    name: "admit another session's participant",
    aims: 'rules',
    weight: DEEP,
    make: (ctx) => ({ event: 'participant:admit', args: [{ opId: nanoid(), participantIds: pick([[ctx.otherSessionParticipantId], [pick(PROTOTYPE_IDS)]]) }], ack: true }),
  },
  { name: 'admit with a hostile list', aims: 'schema', weight: DEEP, make: () => ({ event: 'participant:admit', args: [{ opId: nanoid(), participantIds: pick([[], 'everyone', Array(6000).fill('x'), [42]]) }], ack: true }) },
  { name: "hide another session's answer", aims: 'rules', weight: DEEP, make: (ctx) => ({ event: 'answer:hide', args: [{ opId: nanoid(), answerId: ctx.otherSessionAnswerId, hidden: true }], ack: true }) },
  { name: 'step that does not exist', aims: 'rules', weight: DEEP, make: () => ({ event: 'step:set', args: [{ opId: nanoid(), stepIndex: 999 }], ack: true }) },
  { name: 'regroup after answers', aims: 'rules', weight: DEEP, make: () => ({ event: 'groups:form', args: [{ opId: nanoid(), targetSize: 3 }], ack: true }) },
  { name: 'content change mid-dialogue', aims: 'rules', weight: DEEP, make: (ctx) => ({ event: 'content:update', args: [{ opId: nanoid(), content: ctx.content }], ack: true }) },
  { name: 'participant events from the facilitator', aims: 'auth', weight: DOOR, make: () => ({ event: 'answer:add', args: [answer({})], ack: true }) },
  { name: 'drafts from the facilitator', aims: 'auth', weight: DOOR, needs: 'drafts:report', make: () => ({ event: 'drafts:report', args: [{ count: 1 }], ack: true }) },
  zalgoJoin,
  unknownEvents,
  prototypeEvents,
  oversizedFrame,
];

/** The shared screen: it may send nothing at all. */
export const SCREEN_KINDS: readonly Kind[] = [
  { name: 'facilitator events from the screen', aims: 'auth', weight: DEEP, make: () => ({ event: 'session:end', args: [{ opId: nanoid() }], ack: true }) },
  { name: 'participant events from the screen', aims: 'auth', weight: DEEP, make: () => ({ event: 'answer:add', args: [answer({})], ack: true }) },
  unknownEvents,
  oversizedFrame,
];

/** A socket that never signed in: joins with hostile names (the session is locked), and commands. */
export const GUEST_KINDS: readonly Kind[] = [
  zalgoJoin,
  rtlJoin,
  { name: 'join with a guessed code', aims: 'rules', weight: DOOR, make: () => ({ event: 'session:join', args: [{ code: 'ZZZZZZ', name: 'Raad', role: 'anders', organisation: '' }], ack: true }) },
  { name: 'commands from guests', aims: 'auth', weight: DEEP, make: () => ({ event: pick(['answer:add', 'session:end', 'rating:set']), args: [answer({})], ack: true }) },
  unknownEvents,
  oversizedFrame,
];

/** The kinds a sender sends, repeated by weight, in a fixed interleaved order (so every lane covers every kind early). */
export function schedule(kinds: readonly Kind[], known: (event: string) => boolean): Kind[] {
  const usable = kinds.filter((k) => !k.needs || known(k.needs));
  const out: Kind[] = [];
  const maxWeight = Math.max(...usable.map((k) => k.weight));
  for (let round = 0; round < maxWeight; round++) for (const k of usable) if (k.weight > round) out.push(k);
  return out;
}
