/**
 * The bare Socket.IO reference of `npm run bench` (issue 14): what a bare room costs on this
 * machine. Not part of the app, and it imports nothing from server/. The same socket.io
 * version and the app's settings where they matter (WebSocket, no per-message deflate, the
 * same ping and buffer limits, the same limit on heap growth), the same rooms (a session's participants, groups of the
 * facilitator's size, the operators: facilitator and screen) and just enough of the app's
 * wire contract for the bench's own client workers (scripts/lib/bench/worker.ts) to drive
 * it unchanged: `session:join` (ack, then a snapshot), `groups:form` (a snapshot with the
 * group to each phone), `step:set` and `timer:start` (one event to the whole session room),
 * `answer:add` / `answer:edit` / `rating:set` (one event to the group's room and the
 * operators, then the ack), and a reconnect with the participant token (a snapshot).
 *
 * No persistence, no validation beyond what routing needs, no rate limits, no slicing: every
 * message goes out in one `io.to(room).emit`. Memory only, gone when the process ends.
 *
 * HTTP: GET /healthz, POST /api/sessions (a session: id, code and two secrets, unchecked),
 * GET /internal/metrics[?gc=1] and POST /internal/metrics/reset in the shape of the app's
 * server/http/metrics.ts, so the bench measures both processes the same way.
 *
 * Run: PORT=… HOST=127.0.0.1 node --expose-gc --import tsx scripts/reference-server.ts
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';
import { Server, type Socket } from 'socket.io';

interface Person {
  readonly id: string;
  readonly token: string;
  readonly name: string;
  readonly role: string;
  readonly organisation: string;
  readonly joinedAt: number;
  groupId: string | null;
  socket: Socket | null;
}

interface Session {
  readonly id: string;
  readonly code: string;
  readonly people: Person[];
  /** answerId → groupId: where an edit of it goes. */
  readonly answerGroups: Map<string, string>;
  /** groupId → its members' ids. */
  readonly groups: Map<string, string[]>;
  stepIndex: number;
}

type Who = { kind: 'guest' } | { kind: 'participant'; session: Session; person: Person } | { kind: 'facilitator' | 'screen'; session: Session };
type Reply = (ack: { ok: true; data: unknown } | { ok: false; code: string; error: string }) => void;

// The app's heap setting (server/heapGrowth.ts, HEAP_GROWTH_PERCENT, default 40): without it
// V8 lets the heap grow to 3-4x its live data and the two RSS figures are not comparable.
const heapGrowth = Number(process.env.HEAP_GROWTH_PERCENT ?? 40);
if (heapGrowth > 0) v8.setFlagsFromString(`--heap-growing-percent=${heapGrowth}`);

const sessions = new Map<string, Session>();
const byCode = new Map<string, Session>();
const byToken = new Map<string, { session: Session; person: Person }>();
const id = () => randomBytes(9).toString('base64url');

const room = {
  participants: (s: Session) => `s:${s.id}:p`,
  group: (s: Session, groupId: string) => `s:${s.id}:g:${groupId}`,
  operators: (s: Session) => `s:${s.id}:ops`,
  screens: (s: Session) => `s:${s.id}:scr`,
};

/* ------------------------------------------------------------------ HTTP */

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function onRequest(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/healthz') return json(res, 200, { ok: true });
  if (url.pathname === '/api/sessions' && req.method === 'POST') {
    const s: Session = { id: id(), code: String(100_000 + sessions.size), people: [], answerGroups: new Map(), groups: new Map(), stepIndex: 0 };
    sessions.set(s.id, s);
    byCode.set(s.code, s);
    return json(res, 201, { sessionId: s.id, code: s.code, facilitatorSecret: id(), screenSecret: id() });
  }
  if (url.pathname === '/internal/metrics/reset' && req.method === 'POST') {
    loop.reset();
    return json(res, 200, { ok: true });
  }
  if (url.pathname === '/internal/metrics') {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (url.searchParams.get('gc') === '1' && gc) gc();
    const mem = process.memoryUsage();
    const cpu = process.cpuUsage();
    return json(res, 200, {
      eventLoop: { p50Ms: loop.percentile(50) / 1e6, p99Ms: loop.percentile(99) / 1e6, maxMs: loop.max / 1e6 },
      heapUsedBytes: mem.heapUsed,
      rssBytes: mem.rss,
      cpuUserMicros: cpu.user,
      cpuSystemMicros: cpu.system,
      connections: io.engine.clientsCount,
      loadedSessions: sessions.size,
      exportPeakRssBytes: 0,
      gcExposed: typeof gc === 'function',
    });
  }
  json(res, 404, { ok: false });
}

const http = createServer(onRequest);
// The app's settings (server/app.ts) where they change the cost of a message.
const io = new Server(http, {
  serveClient: false,
  maxHttpBufferSize: 64 * 1024,
  perMessageDeflate: false,
  pingInterval: 20_000,
  pingTimeout: 20_000,
});

/* ------------------------------------------------------------------ sockets */

const who = (socket: Socket): Who => socket.data.who as Who;

io.use((socket, next) => {
  const auth = (socket.handshake.auth ?? {}) as { participantToken?: string; sessionId?: string; as?: string };
  if (auth.participantToken) {
    const found = byToken.get(auth.participantToken);
    if (!found) return next(new Error('auth:unknown'));
    socket.data.who = { kind: 'participant', ...found } satisfies Who;
  } else if (auth.sessionId) {
    const session = sessions.get(auth.sessionId);
    if (!session) return next(new Error('auth:secret'));
    socket.data.who = { kind: auth.as === 'screen' ? 'screen' : 'facilitator', session } satisfies Who;
  } else socket.data.who = { kind: 'guest' } satisfies Who;
  next();
});

const view = (p: Person, s: Session) => {
  const groups = p.groupId ? [{ id: p.groupId, memberIds: s.groups.get(p.groupId) ?? [] }] : [];
  return { participantId: p.id, state: { id: s.id, stepIndex: s.stepIndex, groups }, serverNow: Date.now() };
};

function enter(socket: Socket, s: Session, p: Person): void {
  p.socket = socket;
  void socket.join(p.groupId ? [room.participants(s), room.group(s, p.groupId)] : room.participants(s));
  socket.emit('participant:snapshot', view(p, s));
  socket.on('disconnect', () => {
    if (p.socket === socket) p.socket = null;
  });
}

/** A group's update: to its members' room and to the operators, as the app routes it. */
function toGroup(s: Session, groupId: string, event: unknown): void {
  io.to(room.group(s, groupId)).emit('participant:events', [event]);
  io.to(room.operators(s)).emit('operator:events', [event]);
}

/** A session-wide update (step, timer): one message to the whole session room. */
function toSession(s: Session, event: unknown): void {
  io.to(room.participants(s)).emit('participant:events', [event]);
  io.to(room.operators(s)).emit('operator:events', [event]);
}

const ok: Parameters<Reply>[0] = { ok: true, data: null };
const refuse = (code: string): Parameters<Reply>[0] => ({ ok: false, code, error: code });

type Handler = (socket: Socket, payload: Record<string, unknown>, reply: Reply) => void;

const asParticipant =
  (fn: (s: Session, p: Person, payload: Record<string, unknown>, reply: Reply) => void): Handler =>
  (socket, payload, reply) => {
    const w = who(socket);
    if (w.kind !== 'participant') return reply(refuse('forbidden'));
    if (!w.person.groupId) return reply(refuse('conflict'));
    fn(w.session, w.person, payload, reply);
  };

const asFacilitator =
  (fn: (s: Session, payload: Record<string, unknown>, reply: Reply) => void): Handler =>
  (socket, payload, reply) => {
    const w = who(socket);
    if (w.kind !== 'facilitator') return reply(refuse('forbidden'));
    fn(w.session, payload, reply);
  };

const timer = (status: 'idle' | 'running') =>
  status === 'running' ? { status, durationMs: 600_000, endsAt: Date.now() + 600_000 } : { status, durationMs: 600_000 };

const handlers: Record<string, Handler> = {
  'session:join': (socket, payload, reply) => {
    if (who(socket).kind !== 'guest') return reply(refuse('forbidden'));
    const s = byCode.get(String(payload.code));
    if (!s) return reply(refuse('not_found'));
    const p: Person = {
      id: id(),
      token: id() + id(),
      name: String(payload.name),
      role: String(payload.role),
      organisation: String(payload.organisation ?? ''),
      joinedAt: Date.now(),
      groupId: null,
      socket: null,
    };
    s.people.push(p);
    byToken.set(p.token, { session: s, person: p });
    socket.data.who = { kind: 'participant', session: s, person: p } satisfies Who;
    reply({ ok: true, data: { sessionId: s.id, participantId: p.id, token: p.token, device: id() } });
    enter(socket, s, p);
    const { socket: _socket, token: _token, ...participant } = p;
    io.to(room.operators(s)).emit('operator:events', [{ type: 'participant.joined', participant: { ...participant, removed: false } }]);
  },
  'groups:form': asFacilitator((s, payload, reply) => {
    const size = Math.max(1, Number(payload.targetSize) || 5);
    const groups: { id: string; name: string; memberIds: string[] }[] = [];
    s.groups.clear();
    s.people.forEach((p, i) => {
      if (i % size === 0) {
        groups.push({ id: id(), name: `Groep ${groups.length + 1}`, memberIds: [] });
        s.groups.set(groups.at(-1)!.id, groups.at(-1)!.memberIds);
      }
      const g = groups[groups.length - 1]!;
      g.memberIds.push(p.id);
      p.groupId = g.id;
    });
    for (const p of s.people) {
      if (!p.socket) continue;
      void p.socket.join(room.group(s, p.groupId!));
      p.socket.emit('participant:snapshot', view(p, s));
    }
    io.to(room.operators(s)).emit('operator:events', [{ type: 'groups.formed', groups }]);
    reply(ok);
  }),
  'step:set': asFacilitator((s, payload, reply) => {
    s.stepIndex = Number(payload.stepIndex) || 0;
    toSession(s, { type: 'step.changed', stepIndex: s.stepIndex, timer: timer('idle') });
    reply(ok);
  }),
  'timer:start': asFacilitator((s, _payload, reply) => {
    toSession(s, { type: 'timer.changed', timer: timer('running') });
    reply(ok);
  }),
  'answer:add': asParticipant((s, p, payload, reply) => {
    const at = Date.now();
    const answer = {
      id: String(payload.answerId),
      groupId: p.groupId!,
      topicId: String(payload.topicId),
      questionId: String(payload.questionId),
      authorId: p.id,
      text: String(payload.text),
      createdAt: at,
      updatedAt: at,
      rev: 1,
      hidden: false,
    };
    s.answerGroups.set(answer.id, answer.groupId);
    toGroup(s, answer.groupId, { type: 'answer.added', answer });
    reply(ok);
  }),
  'answer:edit': asParticipant((s, _p, payload, reply) => {
    const answerId = String(payload.answerId);
    const groupId = s.answerGroups.get(answerId);
    if (!groupId) return reply(refuse('not_found'));
    toGroup(s, groupId, { type: 'answer.edited', answerId, text: String(payload.text), rev: Number(payload.rev), at: Date.now() });
    reply(ok);
  }),
  'rating:set': asParticipant((s, p, payload, reply) => {
    const rating = { groupId: p.groupId!, topicId: String(payload.topicId), now: payload.now, want: payload.want, updatedAt: Date.now(), updatedBy: p.id };
    toGroup(s, p.groupId!, { type: 'rating.set', rating });
    reply(ok);
  }),
};

io.on('connection', (socket) => {
  const w = who(socket);
  if (w.kind === 'participant') enter(socket, w.session, w.person);
  else if (w.kind === 'facilitator' || w.kind === 'screen') {
    const s = w.session;
    void socket.join(w.kind === 'screen' ? [room.operators(s), room.screens(s)] : room.operators(s));
    // What the bench reads of the app's operator snapshot: the content's ids and the agenda.
    const topics = [1, 2, 3, 4, 5].map((n) => ({ id: `t${n}` }));
    socket.emit('operator:snapshot', {
      role: w.kind,
      state: {
        id: s.id,
        code: s.code,
        stepIndex: s.stepIndex,
        content: { title: 'Referentie', topics, questions: [1, 2, 3].map((n) => ({ id: `q${n}` })) },
        agenda: topics.map((t) => ({ kind: 'topic', payload: { topicId: t.id } })),
      },
      presence: {},
      serverNow: Date.now(),
    });
  }
  socket.onAny((event: string, ...args: unknown[]) => {
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as Reply) : () => undefined;
    const handler = Object.hasOwn(handlers, event) ? handlers[event]! : null;
    const payload = args[0];
    if (!handler || typeof payload !== 'object' || payload === null) return ack(refuse('invalid'));
    handler(socket, payload as Record<string, unknown>, ack);
  });
});

const port = Number(process.env.PORT ?? 0);
http.listen(port, process.env.HOST ?? '127.0.0.1', () => {
  const addr = http.address();
  console.log(`reference server listening on ${typeof addr === 'object' && addr ? addr.port : port}`);
});
const stop = () => {
  void io.close();
  http.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
