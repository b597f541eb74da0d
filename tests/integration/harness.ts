/**
 * Test harness: the real app (createApp) on 127.0.0.1:0 with a real store, and real
 * socket.io-client connections that keep the state they are sent, exactly as the
 * browser clients do (snapshot + the shared `evolve`).
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as ioClient, type Socket } from 'socket.io-client';
import { evolve } from '../../shared/domain/evolve.ts';
import type { DomainEvent } from '../../shared/domain/events.ts';
import type { SessionState } from '../../shared/domain/types.ts';
import type { Ack } from '../../shared/protocol/ack.ts';
import type {
  ClientToServerEvents,
  HandshakeAuth,
  JoinResult,
  PresenceStatus,
  ServerToClientEvents,
} from '../../shared/protocol/events.ts';
import type { Role } from '../../shared/constants.ts';
import { createApp, type App, type AppDeps } from '../../server/app.ts';
import { silentLogger } from '../../server/logger.ts';
import { MemoryStore } from '../../server/store/memoryStore.ts';
import type { SessionStore } from '../../server/store/types.ts';
import { seedAccount, testAccounts, type TestAccount } from '../support/accounts.ts';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer {
  readonly url: string;
  readonly app: App;
  readonly store: SessionStore;
  /** A begeleider account of the server, with an API token: createSession uses it. */
  readonly facilitator: TestAccount;
  close(): Promise<void>;
}

/** Per server URL, the token createSession signs in with. */
const tokens = new Map<string, string>();

/** Makes createSession(url) sign in with this API token (for servers not started by startServer). */
export function useToken(url: string, token: string): void {
  tokens.set(url, token);
}

export async function startServer(opts: Partial<AppDeps> = {}): Promise<TestServer> {
  const store = opts.store ?? new MemoryStore();
  const accounts = opts.accounts ?? testAccounts();
  const facilitator = await seedAccount(accounts.store);
  // No LAN by default, so join links are the address the test used (tests of the LAN choice pass their own).
  const app = createApp({ logger: silentLogger(), networkInterfaces: () => ({}), ...opts, store, accounts });
  await new Promise<void>((resolve) => app.http.listen(0, '127.0.0.1', resolve));
  const { port } = app.http.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  tokens.set(url, facilitator.token);
  return {
    url,
    app,
    store,
    facilitator,
    async close() {
      tokens.delete(url);
      await app.close();
    },
  };
}

/** An HTTP request with a Host header of our choosing (fetch does not let us set it). */
export function requestWithHost(
  url: string,
  host: string,
  method = 'GET',
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { host, ...(body ? { 'content-type': 'application/json' } : {}), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface CreatedSession {
  sessionId: string;
  code: string;
  facilitatorSecret: string;
  screenSecret: string;
  joinUrl: string;
}

/** Creates a session as the server's test account (or as the account of `token`). */
export async function createSession(
  url: string,
  body: Record<string, unknown> = { templateId: 'stevige-lokale-teams' },
  token: string | undefined = tokens.get(url),
): Promise<CreatedSession> {
  const res = await fetch(`${url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedSession;
}

let opCounter = 0;
/** A fresh idempotency key. */
export const op = (): string => `op-test-${Date.now().toString(36)}-${(opCounter++).toString(36)}`;

export function connect(url: string, auth: HandshakeAuth = {}): ClientSocket {
  return ioClient(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
}

export function connected(socket: ClientSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

export async function send<E extends keyof ClientToServerEvents>(
  socket: ClientSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<Ack<unknown>> {
  const timed = socket.timeout(5000) as unknown as { emitWithAck(e: E, p: unknown): Promise<Ack<unknown>> };
  return timed.emitWithAck(event, payload);
}

/** Waits until `predicate` holds, polling; fails with `what` after the timeout. */
export async function until(predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

type EventChannel = 'participant:events' | 'operator:events';

/** Resolves when `socket` receives a batch on `channel` holding an event of `type`. */
function nextEvent(socket: ClientSocket, channel: EventChannel, type: DomainEvent['type'], what: string, timeoutMs = 5000): Promise<void> {
  const on = socket.on.bind(socket) as (e: EventChannel, l: (events: DomainEvent[]) => void) => void;
  const off = socket.off.bind(socket) as (e: EventChannel, l: (events: DomainEvent[]) => void) => void;
  return new Promise((resolve, reject) => {
    const listener = (events: DomainEvent[]) => {
      if (!events.some((e) => e.type === type)) return;
      clearTimeout(timer);
      off(channel, listener);
      resolve();
    };
    const timer = setTimeout(() => {
      off(channel, listener);
      reject(new Error(`timed out waiting for: ${what}`));
    }, timeoutMs);
    on(channel, listener);
  });
}

/**
 * Resolves once everything the server published before this call has reached `watchers`,
 * so a test can check that something did NOT happen without sleeping. The facilitator sets
 * the session language to what it already is: an event that changes nothing, published to
 * everyone after everything before it, and one socket delivers in order.
 */
export async function settled(facilitator: Operator, watchers: readonly (Operator | Phone)[]): Promise<void> {
  const language = facilitator.state!.settings.language;
  const seen = watchers.map((w) =>
    w instanceof Phone
      ? nextEvent(w.socket, 'participant:events', 'settings.updated', 'a phone receives the marker event')
      : nextEvent(w.socket, 'operator:events', 'settings.updated', 'an operator receives the marker event'),
  );
  const ack = await facilitator.send('settings:update', { opId: op(), settings: { language } });
  if (!ack.ok) throw new Error(`marker event refused: ${ack.code}`);
  await Promise.all(seen);
}

/** A participant's phone: joins, and keeps the state it is sent like the real client. */
export class Phone {
  socket: ClientSocket;
  state: SessionState | null = null;
  participantId: string | null = null;
  token: string | null = null;
  removed = false;

  constructor(readonly url: string, auth: HandshakeAuth = {}) {
    this.socket = this.open(auth);
  }

  private open(auth: HandshakeAuth): ClientSocket {
    const socket = connect(this.url, auth);
    socket.on('participant:snapshot', (snap) => {
      this.state = snap.state;
      this.participantId = snap.participantId;
    });
    socket.on('participant:events', (events) => {
      if (this.state) for (const e of events) evolve(this.state, e);
    });
    socket.on('participant:removed', () => {
      this.removed = true;
    });
    return socket;
  }

  async join(code: string, name: string, role: Role, organisation: string, deviceId?: string): Promise<Ack<JoinResult>> {
    await connected(this.socket);
    const ack = (await send(this.socket, 'session:join', { code, name, role, organisation, ...(deviceId ? { deviceId } : {}) })) as Ack<JoinResult>;
    if (ack.ok) {
      this.token = ack.data.token;
      this.participantId = ack.data.participantId;
      await until(() => this.state !== null, `${name} gets a snapshot`);
    }
    return ack;
  }

  /** Closes this connection and opens a new one with the stored token, as a reloaded page does. */
  async reload(): Promise<void> {
    this.socket.disconnect();
    this.state = null;
    this.socket = this.open({ participantToken: this.token! });
    await connected(this.socket);
    await until(() => this.state !== null, 'snapshot after reload');
  }

  get group() {
    return this.state?.groups[0];
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** A facilitator panel or shared screen: snapshot + every event. */
export class Operator {
  readonly socket: ClientSocket;
  state: SessionState | null = null;
  presence: Record<string, PresenceStatus> = {};
  /** Facilitators only: the screen link's secret the server sent. */
  screenSecret: string | null = null;

  constructor(url: string, sessionId: string, secret: string, as: 'facilitator' | 'screen' = 'facilitator') {
    this.socket = connect(url, { sessionId, secret, as });
    this.socket.on('operator:snapshot', (snap) => {
      this.state = snap.state;
      this.screenSecret = snap.screenSecret ?? null;
      this.presence = { ...snap.presence };
    });
    this.socket.on('operator:events', (events) => {
      if (this.state) for (const e of events) evolve(this.state, e);
    });
    this.socket.on('presence:changed', (changes) => {
      for (const c of changes) this.presence[c.participantId] = c.status;
    });
  }

  async ready(): Promise<this> {
    await connected(this.socket);
    await until(() => this.state !== null, 'operator snapshot');
    return this;
  }

  send<E extends keyof ClientToServerEvents>(event: E, payload: Parameters<ClientToServerEvents[E]>[0]) {
    return send(this.socket, event, payload);
  }

  close(): void {
    this.socket.disconnect();
  }
}

export async function download(url: string, path: string, secret: string): Promise<{ status: number; body: string; type: string }> {
  const res = await fetch(url + path, { headers: { authorization: `Bearer ${secret}` } });
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') ?? '' };
}
