/**
 * Phones and facilitators through the cluster's proxy, as the app's client behaves
 * (client/src/lib/socket.ts): they follow `server:moved`, and write answers retried with
 * their own ids until acknowledged, as the real outbox does. Used by `npm run test:cluster`
 * and the failover phase of `npm run bench -- --nodes N`.
 */
import { nanoid } from 'nanoid';
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../../shared/protocol/ack.ts';
import { movedTo, type ClientToServerEvents, type JoinResult, type ServerToClientEvents } from '../../../shared/protocol/events.ts';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const random = (min: number, max: number) => min + Math.random() * (max - min);

/** `p`, or a failure naming what did not happen in time. */
export async function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`not within ${ms / 1000} s: ${what}`)), ms)));
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The acknowledgement, or null when none came in time (the caller retries with the same id). */
export async function emit<T>(socket: ClientSocket, event: keyof ClientToServerEvents, payload: unknown, timeoutMs: number): Promise<Ack<T> | null> {
  try {
    const timed = socket.timeout(timeoutMs) as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack<T>> };
    return await timed.emitWithAck(event, payload);
  } catch {
    return null;
  }
}

/** How often a long-polling client was told "Session ID unknown" (the proxy sent it to the wrong node). */
export const proxyTrouble = { sessionIdUnknown: 0 };

/**
 * A socket through the proxy that follows "server:moved" as the app's client does: a refused
 * handshake names the owner's path, and when a node cannot be reached the next attempt goes
 * through the default path.
 */
export function proxySocket(url: string, transport: 'websocket' | 'polling', auth: Record<string, string>, firstPath = '/socket.io'): ClientSocket {
  const socket: ClientSocket = io(url, { path: firstPath, transports: [transport], auth, forceNew: true, reconnectionDelay: 300, reconnectionDelayMax: 2000 });
  socket.on('connect_error', (err) => {
    const moved = movedTo(err.message);
    socket.io.opts.path = moved ?? '/socket.io';
    if (moved) socket.connect();
    else if (err.message.includes('Session ID unknown')) proxyTrouble.sessionIdUnknown++;
  });
  return socket;
}

/** A facilitator through one node's own path (`/n/<id>/socket.io`), so that sessions spread over the nodes; resolves at its snapshot. */
export async function openFacilitator(url: string, session: { sessionId: string; facilitatorSecret: string }, path: string, timeoutMs = 10_000): Promise<ClientSocket> {
  const f = proxySocket(url, 'websocket', { sessionId: session.sessionId, secret: session.facilitatorSecret, as: 'facilitator' }, path);
  await within(timeoutMs, 'a facilitator gets the snapshot', new Promise((r) => f.once('operator:snapshot', r)));
  return f;
}

export interface Phone {
  readonly session: string;
  readonly socket: ClientSocket;
  /** When it last got its snapshot (after a reconnect: it is back). */
  snapshotAt: number;
}

/** Joins through the proxy's default path and follows a `moved` answer to the owner. */
export async function joinPhone(url: string, session: { sessionId: string; code: string }, name: string, transport: 'websocket' | 'polling', profile: { role: string; organisation: string }): Promise<Phone> {
  let socket = proxySocket(url, transport, {});
  for (let attempt = 0; ; attempt++) {
    const ack = await emit<JoinResult>(socket, 'session:join', { code: session.code, name, ...profile }, 8000);
    if (ack?.ok) {
      socket.auth = { participantToken: ack.data.token };
      break;
    }
    const moved = ack && !ack.ok && ack.code === 'moved' ? ack.movedTo : undefined;
    if (attempt > 5 || (ack && !ack.ok && !moved)) throw new Error(`join failed: ${JSON.stringify(ack)}`);
    socket.disconnect();
    socket = proxySocket(url, transport, {}, moved);
  }
  const phone: Phone = { session: session.sessionId, socket, snapshotAt: Date.now() };
  socket.on('participant:snapshot', () => (phone.snapshotAt = Date.now()));
  return phone;
}

export interface WriterOptions {
  readonly topics: readonly string[];
  readonly questions: readonly string[];
  /** Pause between one phone's answers, ms (uniform). */
  readonly pauseMs: readonly [number, number];
  /** How long a phone waits for an acknowledgement before it sends the same answer again. */
  readonly ackTimeoutMs?: number;
}

/** Every phone keeps adding answers, each retried with its own id until acknowledged. */
export function startWriters(phones: readonly Phone[], opts: WriterOptions): { acknowledged: Map<string, string>; stop: () => Promise<void> } {
  const acknowledged = new Map<string, string>(); // answerId → session
  let stopped = false;
  const writers = phones.map(async (phone, p) => {
    await sleep(random(0, opts.pauseMs[1]));
    for (let n = 0; !stopped; n++) {
      const answerId = nanoid();
      const payload = { answerId, topicId: opts.topics[n % opts.topics.length], questionId: opts.questions[n % opts.questions.length], text: `telefoon ${p} antwoord ${n}` };
      for (;;) {
        const ack = await emit(phone.socket, 'answer:add', payload, opts.ackTimeoutMs ?? 3000);
        if (ack?.ok) {
          acknowledged.set(answerId, phone.session);
          break;
        }
        if (stopped) return;
        await sleep(random(100, 400));
      }
      await sleep(random(opts.pauseMs[0], opts.pauseMs[1]));
    }
  });
  return {
    acknowledged,
    stop: async () => {
      stopped = true;
      await Promise.all(writers);
    },
  };
}

/** Waits until every phone has had a snapshot since `since` (or the deadline); seconds each took, ascending (Infinity: not back). */
export async function waitBack(phones: readonly Phone[], since: number, timeoutMs: number): Promise<number[]> {
  const deadline = since + timeoutMs;
  while (Date.now() < deadline && phones.some((p) => p.snapshotAt < since)) await sleep(250);
  return phones.map((p) => (p.snapshotAt >= since ? (p.snapshotAt - since) / 1000 : Infinity)).sort((x, y) => x - y);
}

/** Nearest-rank percentile of ascending values (0 when there are none). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
