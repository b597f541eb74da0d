/**
 * The fuzz test's scene, built through the real API: the session under attack (people in
 * groups, at the first topic, with an answer, one participant removed, then locked), and
 * another session whose answer, group and participant the attackers aim at.
 */
import { nanoid } from 'nanoid';
import type { Socket } from 'socket.io-client';
import { firstStepOf } from '../../../shared/domain/agenda.ts';
import { evolve } from '../../../shared/domain/evolve.ts';
import type { SessionState } from '../../../shared/domain/types.ts';
import type { Ack } from '../../../shared/protocol/ack.ts';
import type { HandshakeAuth, JoinResult } from '../../../shared/protocol/events.ts';
import type { Ctx } from './kinds.ts';
import { signIn, type Sockets } from './lane.ts';

export interface Created {
  readonly sessionId: string;
  readonly code: string;
  readonly facilitatorSecret: string;
  readonly screenSecret: string;
}

export interface Person {
  readonly id: string;
  readonly token: string;
  readonly socket: Socket;
}

/** The scene's context for one sender: their own group, and another one. */
export type CtxFor = (person?: Person) => Ctx;

export interface Scene {
  readonly main: Created;
  readonly other: Created;
  readonly ctxFor: CtxFor;
  /** The server's state as the facilitator's panel sees it (kept up to date from its events). */
  readonly observer: { state: SessionState };
  readonly canary: Person;
  /** Participants of the session who attack it (each from its own lane). */
  readonly attackers: readonly Person[];
  /** Removed before the attack; their socket stays open, as the server allows. */
  readonly removed: Person;
  /** A participant of the other session. */
  readonly outsider: Person;
}

export async function ack<T>(s: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return (s.timeout(10_000) as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack<T>> }).emitWithAck(event, payload);
}

async function must<T>(s: Socket, event: string, payload: unknown): Promise<T> {
  const a = await ack<T>(s, event, payload);
  if (!a.ok) throw new Error(`setup: ${event} refused: ${a.code} ${a.error}`);
  return a.data;
}

/** `signedIn`: the headers of the facilitator's account (its cookie, and the Origin a cookie-signed change needs). */
async function create(url: string, signedIn: Record<string, string>): Promise<Created> {
  const res = await fetch(`${url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signedIn },
    body: JSON.stringify({ templateId: 'stevige-lokale-teams' }),
  });
  if (res.status !== 201) throw new Error(`setup: create failed with ${res.status}`);
  return (await res.json()) as Created;
}

/** A facilitator socket whose `state` follows the session. */
async function watch(sockets: Sockets, s: Created): Promise<{ socket: Socket; view: { state: SessionState } }> {
  const auth: HandshakeAuth = { sessionId: s.sessionId, secret: s.facilitatorSecret, as: 'facilitator' };
  const view = { state: null as unknown as SessionState };
  const socket = sockets.open(auth);
  socket.on('operator:snapshot', (snap: { state: SessionState }) => (view.state = snap.state));
  socket.on('operator:events', (events: never[]) => events.forEach((e) => evolve(view.state, e)));
  await new Promise<void>((resolve) => socket.once('operator:snapshot', () => resolve()));
  return { socket, view };
}

async function join(sockets: Sockets, code: string, name: string, i: number): Promise<Person> {
  const socket = await signIn(sockets, {}, 'connect');
  const snapshot = new Promise<void>((resolve) => socket.once('participant:snapshot', () => resolve()));
  const r = await must<JoinResult>(socket, 'session:join', { code, name, role: i % 2 ? 'opdrachtnemer' : 'opdrachtgever', organisation: '' });
  await snapshot;
  return { id: r.participantId, token: r.token, socket };
}

const settle = async (done: () => boolean, what: string) => {
  for (let i = 0; !done(); i++) {
    if (i > 500) throw new Error(`setup: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

export async function buildScene(url: string, sockets: Sockets, attackerCount: number, signedIn: Record<string, string>): Promise<Scene> {
  const main = await create(url, signedIn);
  const fac = await watch(sockets, main);
  const people: Person[] = [];
  for (let i = 0; i < attackerCount + 3; i++) people.push(await join(sockets, main.code, `P${i}`, i));
  await must(fac.socket, 'groups:form', { opId: nanoid(), targetSize: 5 });
  await must(fac.socket, 'step:set', { opId: nanoid(), stepIndex: firstStepOf(fac.view.state, 'topic') });
  const [canary, victim, removed, ...attackers] = people as [Person, Person, Person, ...Person[]];
  const otherGroupAnswerId = nanoid();
  await must(victim.socket, 'answer:add', { answerId: otherGroupAnswerId, topicId: 'k1', questionId: 'q1', text: 'van de andere groep' });
  const groupBefore = fac.view.state.participants[removed.id]?.groupId ?? null;
  await must(fac.socket, 'participant:remove', { opId: nanoid(), participantId: removed.id });
  victim.socket.disconnect();

  // Another session, with a group, a participant who will attack the main session, and an answer.
  const other = await create(url, signedIn);
  const otherFac = await watch(sockets, other);
  const outsider = await join(sockets, other.code, 'Buiten', 0);
  const author = await join(sockets, other.code, 'Auteur', 1);
  await must(otherFac.socket, 'groups:form', { opId: nanoid() });
  const otherSessionAnswerId = nanoid();
  await must(author.socket, 'answer:add', { answerId: otherSessionAnswerId, topicId: 'k1', questionId: 'q1', text: 'andere sessie' });
  await settle(() => otherFac.view.state.groups.length > 0, 'the other session has groups');
  author.socket.disconnect();
  otherFac.socket.disconnect();

  // Locked: hostile joins must change nothing either.
  await must(fac.socket, 'settings:update', { opId: nanoid(), settings: { locked: true } });
  await settle(() => fac.view.state.settings.locked, 'the lock to reach the panel');
  // Attackers sign in from their own lanes, with their device tokens.
  for (const p of [...attackers, outsider]) p.socket.disconnect();

  const state = fac.view.state;
  const groupOf = (p: Person) => state.participants[p.id]?.groupId ?? otherFac.view.state.participants[p.id]?.groupId ?? null;
  // The removed participant's group as it was: the server forgets it on removal.
  const removedGroup = groupBefore;
  const base: Omit<Ctx, 'self'> = {
    otherGroupAnswerId,
    otherSessionAnswerId,
    otherSessionGroupId: otherFac.view.state.groups[0]!.id,
    otherSessionParticipantId: outsider.id,
    groupId: state.groups[0]!.id,
    content: structuredClone(state.content),
    code: main.code,
  };
  const ctxFor: CtxFor = (person) => {
    const own = (person === removed ? removedGroup : person && groupOf(person)) ?? state.groups[0]!.id;
    const otherGroupId = state.groups.find((g) => g.id !== own)?.id ?? state.groups[0]!.id;
    return { ...base, self: { groupId: own, otherGroupId } };
  };
  return { main, other, ctxFor, observer: fac.view, canary, attackers, removed, outsider };
}

/** The events among `events` that the server handles: a guest's refusal says 'auth' or 'schema', not 'event'. */
export async function knownToServer(sockets: Sockets, events: readonly string[]): Promise<Set<string>> {
  const probe = await signIn(sockets, {}, 'connect');
  const known = new Set<string>();
  for (const event of events) {
    const a = await ack(probe, event, {});
    if (a.ok || a.stage !== 'event') known.add(event);
  }
  probe.disconnect();
  return known;
}
