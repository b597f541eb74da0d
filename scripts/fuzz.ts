/**
 * `npm run test:fuzz`: hostile messages against a real server while a canary keeps working.
 *
 * Starts the app in this process (so crashes and unhandled rejections are counted), with
 * the real SQLite store and the real rate limits. Many sockets (guests, participants of
 * the session, a participant of another session, the shared screen) send at least 10,000
 * hostile messages of 19 kinds, paced so most of them reach validation rather than only
 * the rate limiter. Meanwhile a canary participant keeps adding answers.
 *
 * Passes when: no crash, no unhandled rejection, every message that asked for an answer
 * got an error ack or its socket was disconnected, the session's data is unchanged (apart
 * from the canary's answers) and every canary write was acknowledged.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { nanoid } from 'nanoid';
import { io, type Socket } from 'socket.io-client';
import { createApp } from '../server/app.ts';
import { silentLogger } from '../server/logger.ts';
import { SqliteStore } from '../server/store/sqliteStore.ts';
import { evolve } from '../shared/domain/evolve.ts';
import type { SessionState } from '../shared/domain/types.ts';
import type { Ack } from '../shared/protocol/ack.ts';
import type { JoinResult } from '../shared/protocol/events.ts';

type AnySocket = Socket;
const TARGET = Number(process.env.FUZZ_MESSAGES ?? 10_000);

let crashes = 0;
let unhandled = 0;
process.on('uncaughtException', (err) => {
  crashes++;
  console.error('uncaught exception:', err);
});
process.on('unhandledRejection', (err) => {
  unhandled++;
  console.error('unhandled rejection:', err);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function deep(levels: number): unknown {
  let v: unknown = 'bodem';
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}

const ZALGO = 'E' + '\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308'.repeat(40);
const RTL = '\u202Eevil\u202C\u2067naam\u2069';
const LONE_SURROGATE = 'abc\uD800def\uDC00';

interface Ctx {
  readonly sessionId: string;
  readonly otherGroupAnswerId: string;
  readonly otherSessionAnswerId: string;
  readonly otherGroupId: string;
}

/** One hostile message: the event, its arguments, and whether it passes an ack callback. */
type Attack = { event: string; args: unknown[]; ack: boolean; big?: boolean };

const KINDS: Record<string, (ctx: Ctx) => Attack> = {
  'wrong types': () => ({ event: 'answer:add', args: [{ answerId: 42, topicId: true, questionId: null, text: ['x'] }], ack: true }),
  'missing fields': () => ({ event: 'rating:set', args: [{ topicId: 'k1' }], ack: true }),
  'extra fields': () => ({ event: 'answer:add', args: [{ answerId: nanoid(), topicId: 'k1', questionId: 'q1', text: 'x', admin: true }], ack: true }),
  '__proto__ keys': () => ({
    event: 'rating:set',
    args: [JSON.parse(`{"opId":"${nanoid()}","topicId":"k1","now":3,"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}`)],
    ack: true,
  }),
  'deep nesting': () => ({ event: 'takeaway:set', args: [{ opId: nanoid(), text: deep(500), baseRev: 0 }], ack: true }),
  'oversized strings': () => ({ event: 'answer:add', args: [{ answerId: nanoid(), topicId: 'k1', questionId: 'q1', text: 'x'.repeat(20_000) }], ack: true }),
  'oversized frames': () => ({ event: 'answer:add', args: [{ answerId: nanoid(), topicId: 'k1', questionId: 'q1', text: 'y'.repeat(200_000) }], ack: true, big: true }),
  'binary attachments': () => ({ event: 'answer:add', args: [{ answerId: nanoid(), topicId: 'k1', questionId: 'q1', text: Buffer.from('binair') }], ack: true }),
  'unknown events': () => ({ event: `admin:${nanoid(6)}`, args: [{ all: true }], ack: true }),
  'prototype names as events': () => ({
    event: ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf'][Math.floor(Math.random() * 5)]!,
    args: [{}],
    ack: true,
  }),
  'missing ack callbacks': () => ({ event: 'groups:form', args: [{ opId: nanoid() }], ack: false }),
  'facilitator events from participants': () => ({ event: 'session:end', args: [{ opId: nanoid() }], ack: true }),
  'another group': (ctx) => ({ event: 'answer:edit', args: [{ answerId: ctx.otherGroupAnswerId, text: 'overgenomen', rev: 99 }], ack: true }),
  'another session': (ctx) => ({ event: 'answer:delete', args: [{ opId: nanoid(), answerId: ctx.otherSessionAnswerId }], ack: true }),
  'spotlight for a foreign group': (ctx) => ({ event: 'spotlight:set', args: [{ opId: nanoid(), groupId: ctx.otherGroupId }], ack: true }),
  'invalid UTF-16': () => ({ event: 'answer:add', args: [{ answerId: 'x', topicId: LONE_SURROGATE, questionId: 'q1', text: LONE_SURROGATE }], ack: true }),
  'Zalgo names': () => ({ event: 'session:join', args: [{ code: 'ZZZZZZ', name: ZALGO, role: 'anders', organisation: ZALGO }], ack: true }),
  'RTL names': () => ({ event: 'session:join', args: [{ code: '', name: RTL, role: 'baas', organisation: RTL }], ack: true }),
  'non-object payloads': () => ({ event: 'timer:start', args: [Math.random() < 0.5 ? 'start' : null], ack: true }),
};

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'samenspraak-fuzz-'));
  const store = SqliteStore.open(path.join(dir, 'fuzz.sqlite'));
  const app = createApp({ store, logger: silentLogger() });
  await new Promise<void>((r) => app.http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(app.http.address() as AddressInfo).port}`;
  const sockets: AnySocket[] = [];
  const open = (auth: object = {}): AnySocket => {
    const s = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(s);
    return s;
  };
  const ack = async <T>(s: AnySocket, event: string, payload: unknown): Promise<Ack<T>> =>
    (s.timeout(5000) as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack<T>> }).emitWithAck(event, payload);
  const create = async () =>
    (await (
      await fetch(`${url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ templateId: 'stevige-lokale-teams' }) })
    ).json()) as { sessionId: string; code: string; facilitatorSecret: string; screenSecret: string };

  try {
    // The session under attack: 10 people in 2 groups, at the first topic, with some answers.
    const main = await create();
    const facilitator = open({ sessionId: main.sessionId, secret: main.facilitatorSecret, as: 'facilitator' });
    let state: SessionState | null = null;
    facilitator.on('operator:snapshot', (snap: { state: SessionState }) => (state = snap.state));
    facilitator.on('operator:events', (events: never[]) => events.forEach((e) => state && evolve(state, e)));
    const people: { socket: AnySocket; id: string }[] = [];
    for (let i = 0; i < 10; i++) {
      const s = open();
      await new Promise<void>((r) => s.once('connect', () => r()));
      const a = await ack<JoinResult>(s, 'session:join', { code: main.code, name: `P${i}`, role: i % 2 ? 'opdrachtnemer' : 'opdrachtgever', organisation: '' });
      if (!a.ok) throw new Error('join failed');
      people.push({ socket: s, id: a.data.participantId });
    }
    await ack(facilitator, 'groups:form', { opId: nanoid(), targetSize: 5 });
    await ack(facilitator, 'step:set', { opId: nanoid(), stepIndex: 2 });
    await sleep(50);
    const groups = state!.groups;
    const [canary, ...attackers] = people;
    const inGroup = (gid: string) => people.filter((p) => state!.participants[p.id]!.groupId === gid);
    const victimGroup = groups.find((g) => g.id !== state!.participants[canary!.id]!.groupId)!;
    const victim = inGroup(victimGroup.id)[0]!;
    const otherGroupAnswerId = nanoid();
    await ack(victim.socket, 'answer:add', { answerId: otherGroupAnswerId, topicId: 'k1', questionId: 'q1', text: 'van de andere groep' });

    // Another session with its own answer, and a participant there who will attack the main one.
    const other = await create();
    const outsider = open();
    await new Promise<void>((r) => outsider.once('connect', () => r()));
    await ack(outsider, 'session:join', { code: other.code, name: 'Buiten', role: 'anders', organisation: '' });
    const otherFac = open({ sessionId: other.sessionId, secret: other.facilitatorSecret, as: 'facilitator' });
    await new Promise<void>((r) => otherFac.once('connect', () => r()));
    await ack(otherFac, 'groups:form', { opId: nanoid() });
    const otherAuthor = open();
    await new Promise<void>((r) => otherAuthor.once('connect', () => r()));
    await ack(otherAuthor, 'session:join', { code: other.code, name: 'Auteur', role: 'anders', organisation: '' });
    await ack(otherFac, 'groups:form', { opId: nanoid() });
    const otherSessionAnswerId = nanoid();
    await ack(otherAuthor, 'answer:add', { answerId: otherSessionAnswerId, topicId: 'k1', questionId: 'q1', text: 'andere sessie' });

    // Lock the session: hostile joins must change nothing either.
    await ack(facilitator, 'settings:update', { opId: nanoid(), settings: { locked: true } });
    await sleep(50);
    const ctx: Ctx = { sessionId: main.sessionId, otherGroupAnswerId, otherSessionAnswerId, otherGroupId: groups[0]!.id };
    const withoutCanary = (s: SessionState) => {
      const copy = structuredClone(s);
      for (const [id, a] of Object.entries(copy.answers)) if (a.authorId === canary!.id) delete copy.answers[id];
      return JSON.stringify(copy);
    };
    const before = withoutCanary(state!);

    // The canary: a real participant who keeps writing through the attack.
    let stop = false;
    let canaryOk = 0;
    let canaryFailed = 0;
    const canaryLoop = (async () => {
      while (!stop) {
        const a = await ack(canary!.socket, 'answer:add', { answerId: nanoid(), topicId: 'k2', questionId: 'q2', text: 'kanarie zingt' }).catch(() => null);
        if (a?.ok) canaryOk++;
        else canaryFailed++;
        await sleep(100);
      }
    })();

    // Attackers: the session's own participants, fresh guests, the outsider and the screen.
    const counts = new Map<string, number>();
    let sent = 0;
    let answered = 0;
    let disconnected = 0;
    let noAckRequested = 0;
    let unanswered = 0;
    const kinds = Object.keys(KINDS);
    const screen = open({ sessionId: main.sessionId, secret: main.screenSecret, as: 'screen' });
    // The author of the answer that others try to take over is not among the attackers: editing your own answer is allowed.
    const attackerPool = (): AnySocket[] => [...attackers.filter((a) => a !== victim).map((a) => a.socket), outsider, screen];
    const lanes = 24;
    const perLane = Math.ceil(TARGET / lanes);
    await Promise.all(
      Array.from({ length: lanes }, async (_, lane) => {
        let socket = lane < 4 ? open() : attackerPool()[lane % attackerPool().length]!;
        for (let i = 0; i < perLane; i++) {
          if (!socket.connected) {
            // A disconnected attacker comes back as a fresh guest.
            socket = open();
            await new Promise<void>((r) => {
              socket.once('connect', () => r());
              socket.once('connect_error', () => r());
            });
          }
          const kind = kinds[(lane + i) % kinds.length]!;
          const attack = KINDS[kind]!(ctx);
          counts.set(kind, (counts.get(kind) ?? 0) + 1);
          sent++;
          if (!attack.ack) {
            socket.emit(attack.event, ...attack.args);
            noAckRequested++;
          } else {
            const target = socket;
            const outcome = await new Promise<'ack' | 'disconnect' | 'none'>((resolve) => {
              const timer = setTimeout(() => resolve(target.connected ? 'none' : 'disconnect'), 5000);
              target.once('disconnect', () => {
                clearTimeout(timer);
                resolve('disconnect');
              });
              target.emit(attack.event, ...attack.args, (reply: Ack<unknown>) => {
                clearTimeout(timer);
                resolve(reply && reply.ok === false ? 'ack' : 'none');
                if (reply?.ok) console.error(`accepted a hostile message (${kind}):`, JSON.stringify(reply).slice(0, 200));
              });
            });
            if (outcome === 'ack') answered++;
            else if (outcome === 'disconnect') disconnected++;
            else unanswered++;
          }
          // ~10 messages a second per lane: inside the refill rate, so validation is what answers.
          await sleep(attack.big ? 20 : 90);
        }
      }),
    );
    stop = true;
    await canaryLoop;
    await sleep(200);
    const after = withoutCanary(state!);
    const unchanged = before === after;

    console.log(`conditions: ${lanes} attacking lanes, real rate limits, SQLite store, node ${process.version}, ${os.cpus().length} cores`);
    for (const [kind, n] of counts) console.log(`  ${kind.padEnd(38)} ${n}`);
    console.log(`error acks ${answered}, disconnects ${disconnected}, sent without ack callback ${noAckRequested}`);
    console.log(`session data unchanged: ${unchanged ? 'yes' : 'NO'}; canary acks ${canaryOk}, canary failures ${canaryFailed}`);
    const canaryOkay = canaryOk > 0 && canaryFailed === 0;
    console.log(`sent ${sent}, crashed ${crashes}, unhandled ${unhandled}, unanswered ${unanswered}, canary ${canaryOkay ? 'ok' : 'FAILED'}`);
    if (crashes || unhandled || unanswered || !unchanged || !canaryOkay || counts.size < 15 || sent < TARGET) process.exitCode = 1;
  } finally {
    for (const s of sockets) s.disconnect();
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
