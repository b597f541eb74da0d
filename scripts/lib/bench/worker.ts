/**
 * A bench client worker thread: holds a slice of the participants, each one a real
 * socket.io-client connection (WebSocket transport, its own Manager, like one phone), and
 * runs the phases the coordinator asks for. It measures on its own clock and reports raw
 * samples; the coordinator computes the figures.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { nanoid } from 'nanoid';
import { io, type Socket } from 'socket.io-client';
import type { DomainEvent } from '../../../shared/domain/events.ts';
import type { Ack } from '../../../shared/protocol/ack.ts';
import { movedTo, type ClientToServerEvents, type JoinResult, type ServerToClientEvents } from '../../../shared/protocol/events.ts';
import type { AckStats, FromWorker, JoinSample, Membership, ParticipantSpec, ToWorker, WorkerData } from './messages.ts';
import { clock } from './stats.ts';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type LooseEmitter = { emitWithAck(event: string, payload: unknown): Promise<Ack<unknown>> };

const data = workerData as WorkerData;
const port = parentPort!;
const post = (m: FromWorker) => port.postMessage(m);

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

interface Phone {
  readonly spec: ParticipantSpec;
  socket: ClientSocket | null;
  joined: boolean;
  participantId: string | null;
  groupId: string | null;
  memberIds: string[];
  groupAt: number | null;
  messages: number;
  snapshots: number;
  events: number;
  /** Last facilitator action this phone has reported (one receipt per action). */
  paceAction: number;
  onSnapshot: ((t: number) => void) | null;
  lastConnectError: string | null;
  answer: { id: string; rev: number; topicId: string } | null;
  nextQuestion: number;
}

const phones: Phone[] = data.participants.map((spec) => ({
  spec,
  socket: null,
  joined: false,
  participantId: null,
  groupId: null,
  memberIds: [],
  groupAt: null,
  messages: 0,
  snapshots: 0,
  events: 0,
  paceAction: -1,
  onSnapshot: null,
  lastConnectError: null,
  answer: null,
  nextQuestion: 0,
}));

let unexpectedDisconnects = 0;
const disconnectReasons: Record<string, number> = {};
let connectErrors = 0;
let removed = 0;

/* ---------- facilitator actions (phase 2) ---------- */
let armed: number | null = null;
let paceCount = 0;
let paceExpected = 0;
const paceReceipts: Record<number, number[]> = {};

function onPace(ph: Phone, t: number): void {
  if (armed === null || ph.paceAction === armed) return;
  ph.paceAction = armed;
  (paceReceipts[armed] ??= []).push(ph.spec.idx, t);
  if (++paceCount === paceExpected) post({ type: 'actionDone', action: armed, received: paceCount, expected: paceExpected });
}

/* ---------- tagged updates (phases 3 and 4) ---------- */
let seqCounter = 0;
/** Unique over the whole bench: worker id in the high part. */
const nextSeq = () => data.workerId * 10_000_000 + ++seqCounter;
const TAG = /^#s(\d+)#/;
let sends: number[] = [];
let receipts: number[] = [];
let acked: number[] = [];

function onEvents(ph: Phone, events: readonly DomainEvent[], t: number): void {
  for (const e of events) {
    if (e.type === 'step.changed' || e.type === 'timer.changed') onPace(ph, t);
    else if (e.type === 'answer.added' || e.type === 'answer.edited') {
      const m = TAG.exec(e.type === 'answer.added' ? e.answer.text : e.text);
      if (m) receipts.push(Number(m[1]), ph.spec.idx, t);
    }
  }
}

function attach(ph: Phone, socket: ClientSocket): void {
  socket.on('participant:snapshot', (snap) => {
    const t = clock();
    ph.snapshots++;
    ph.participantId = snap.participantId;
    const g = snap.state.groups[0];
    ph.groupId = g?.id ?? null;
    ph.memberIds = g ? [...g.memberIds] : [];
    if (ph.groupId && ph.groupAt === null) ph.groupAt = t;
    const cb = ph.onSnapshot;
    if (cb) {
      ph.onSnapshot = null;
      cb(t);
    }
  });
  socket.on('participant:events', (events) => {
    const t = clock();
    ph.messages++;
    ph.events += events.length;
    onEvents(ph, events, t);
  });
  socket.on('participant:removed', () => {
    removed++;
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io client disconnect') return;
    unexpectedDisconnects++;
    disconnectReasons[reason] = (disconnectReasons[reason] ?? 0) + 1;
  });
  socket.on('connect_error', (err) => {
    connectErrors++;
    ph.lastConnectError = err.message;
    // Several servers (bench --nodes): follow the owner as the app's client does
    // (client/src/lib/socket.ts); a node that cannot be reached: back to the default path.
    const moved = movedTo(err.message);
    socket.io.opts.path = moved ?? DEFAULT_PATH;
    if (moved) socket.connect();
  });
}

const DEFAULT_PATH = '/socket.io';

/** `seq`: the tag of a tagged update, whose ack time is kept (answer → screen DOM is measured from it). */
async function call(socket: ClientSocket, event: keyof ClientToServerEvents, payload: unknown, stats: AckStats, timeoutMs = 15_000, seq?: number): Promise<void> {
  stats.sent++;
  const t0 = clock();
  try {
    const ack = await (socket.timeout(timeoutMs) as unknown as LooseEmitter).emitWithAck(event, payload);
    if (ack.ok) {
      const t1 = clock();
      stats.ok++;
      stats.latencies.push(t1 - t0);
      if (seq !== undefined) acked.push(seq, t1);
    } else {
      stats.refused[ack.code] = (stats.refused[ack.code] ?? 0) + 1;
    }
  } catch {
    stats.timeouts++;
  }
}

const newAckStats = (): AckStats => ({ sent: 0, ok: 0, refused: {}, timeouts: 0, latencies: [] });

/* ---------- phase 1: join storm ---------- */

function waitConnect(socket: ClientSocket, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    const timer = setTimeout(() => {
      socket.off('connect', ok);
      reject(new Error('connect timeout'));
    }, timeoutMs);
    const ok = () => {
      clearTimeout(timer);
      resolve();
    };
    socket.once('connect', ok);
  });
}

/**
 * As the phone's page does before its form shows: look the code up (GET /api/join/<code>).
 * Several servers name the socket path of the node that holds the session, so the first
 * socket goes there; one server (or the bare reference, which has no such route) names none.
 * A real page looks it up when the link opens, while its person types a name, not in the
 * moment of joining: so once per code here, not once per phone inside the join storm.
 */
const lookups = new Map<string, Promise<string>>();
function ownerSocketPath(code: string): Promise<string> {
  let path = lookups.get(code);
  if (!path) lookups.set(code, (path = lookUp(code)));
  return path;
}

async function lookUp(code: string): Promise<string> {
  try {
    const res = await fetch(`${data.url}/api/join/${code}`, { headers: { accept: 'application/json' } });
    if (!res.ok) return DEFAULT_PATH;
    const body = (await res.json()) as { socketPath?: unknown };
    return typeof body.socketPath === 'string' ? body.socketPath : DEFAULT_PATH;
  } catch {
    return DEFAULT_PATH;
  }
}

async function joinOne(ph: Phone, timeoutMs: number): Promise<JoinSample> {
  const startAt = clock();
  const socket: ClientSocket = io(data.url, {
    path: await ownerSocketPath(ph.spec.code),
    transports: ['websocket'],
    forceNew: true,
    auth: {},
    reconnectionDelay: 1000,
    reconnectionDelayMax: 5000,
    timeout: 20_000,
  });
  ph.socket = socket;
  attach(ph, socket);
  const fail = (error: string, connectMs: number | null, ackMs: number | null): JoinSample => {
    socket.disconnect();
    return { idx: ph.spec.idx, ok: false, error, startAt, endAt: clock(), connectMs, ackMs };
  };
  try {
    await waitConnect(socket, timeoutMs);
  } catch {
    return fail(`connect: ${ph.lastConnectError ?? 'timeout'}`, null, null);
  }
  const connectedAt = clock();
  const sendJoin = async (): Promise<Ack<JoinResult> | null> => {
    try {
      return (await (socket.timeout(timeoutMs) as unknown as LooseEmitter).emitWithAck('session:join', {
        code: ph.spec.code,
        name: ph.spec.name,
        role: ph.spec.role,
        organisation: ph.spec.organisation,
        deviceId: ph.spec.deviceId,
      })) as Ack<JoinResult>;
    } catch {
      return null;
    }
  };
  let ack = await sendJoin();
  // Several servers: the session lives on another node; join there (the ack time includes the
  // hop). A connection that fails on the way goes back to the default path: hop again.
  for (let hops = 0; hops < 4 && ack && !ack.ok && ack.code === 'moved' && ack.movedTo; hops++) {
    socket.disconnect();
    socket.io.opts.path = ack.movedTo;
    socket.connect();
    try {
      await waitConnect(socket, timeoutMs);
    } catch {
      return fail(`connect after moved: ${ph.lastConnectError ?? 'timeout'}`, connectedAt - startAt, null);
    }
    ack = await sendJoin();
  }
  const endAt = clock();
  const connectMs = connectedAt - startAt;
  if (!ack) return fail('ack timeout', connectMs, null);
  if (!ack.ok) return fail(ack.code, connectMs, endAt - connectedAt);
  ph.joined = true;
  ph.participantId = ack.data.participantId;
  // As the real client does: the token lets every reconnect resume the same person.
  socket.auth = { participantToken: ack.data.token };
  return { idx: ph.spec.idx, ok: true, error: null, startAt, endAt, connectMs, ackMs: endAt - connectedAt };
}

async function joinAll(concurrency: number, timeoutMs: number): Promise<void> {
  const samples: JoinSample[] = [];
  let next = 0;
  const lane = async () => {
    while (next < phones.length) {
      const ph = phones[next++]!;
      samples.push(await joinOne(ph, timeoutMs));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, phones.length)) }, lane));
  post({ type: 'joined', samples, connectErrors });
}

async function awaitGroups(timeoutMs: number): Promise<void> {
  const deadline = clock() + timeoutMs;
  const joined = phones.filter((p) => p.joined);
  while (joined.some((p) => !p.groupId) && clock() < deadline) await sleep(20);
  const members: Membership[] = joined.map((p) => ({ idx: p.spec.idx, participantId: p.participantId!, groupId: p.groupId, at: p.groupAt }));
  post({ type: 'groups', members, missing: joined.filter((p) => !p.groupId).length });
}

/* ---------- phase 3: group work ---------- */

const WORDS =
  'we zien dat de samenwerking tussen gemeente en partners beter kan als we eerder samen om tafel gaan en de inwoner centraal zetten met korte lijnen vertrouwen en ruimte voor professionals'.split(
    ' ',
  );
const sentence = (words: number) => Array.from({ length: words }, (_, i) => WORDS[i % WORDS.length]).join(' ');
/** Edits per answer before the writer starts a new one (a debounced save every ~5 s of typing). */
const EDITS_PER_ANSWER = 6;

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function writeAnswer(ph: Phone, topicId: string, questionIds: readonly string[], stats: AckStats): Promise<void> {
  const socket = ph.socket!;
  const seq = nextSeq();
  let a = ph.answer;
  let event: keyof ClientToServerEvents;
  let payload: unknown;
  if (!a || a.rev >= EDITS_PER_ANSWER || a.topicId !== topicId) {
    a = ph.answer = { id: nanoid(), rev: 1, topicId };
    const questionId = questionIds[ph.nextQuestion++ % questionIds.length]!;
    event = 'answer:add';
    payload = { answerId: a.id, topicId, questionId, text: `#s${seq}# ${sentence(4)}` };
  } else {
    a.rev++;
    event = 'answer:edit';
    payload = { answerId: a.id, text: `#s${seq}# ${sentence(4 + a.rev * 5)}`, rev: a.rev };
  }
  sends.push(seq, ph.spec.idx, clock());
  return call(socket, event, payload, stats, undefined, seq);
}

/** Set by 'stopGroupWork': group work ends before its next write. */
let groupWorkStopped = false;

async function groupWork(msg: Extract<ToWorker, { type: 'groupWork' }>): Promise<void> {
  groupWorkStopped = false;
  const acks = newAckStats();
  const ratings = newAckStats();
  const local = new Map<string, Phone>();
  const groups = new Map<string, string[]>();
  for (const ph of phones) {
    if (!ph.joined || !ph.groupId || !ph.participantId) continue;
    local.set(ph.participantId, ph);
    if (!groups.has(ph.groupId)) groups.set(ph.groupId, [...ph.memberIds].sort());
  }
  const pending: Promise<void>[] = [];
  const runs = [...groups].map(async ([groupId, members]) => {
    // Each group ticks once a second from its own offset; member k % size writes at tick k.
    // Every worker derives the same schedule, and acts only for its own members.
    const offset = hash(groupId) % 1000;
    for (let k = 0; offset + k * 1000 < msg.durationMs; k++) {
      const writer = local.get(members[k % members.length]!);
      if (!writer) continue;
      await sleep(msg.startAt + offset + k * 1000 + Math.random() * 150 - clock());
      if (groupWorkStopped) break;
      if (k % msg.ratingEvery === msg.ratingEvery - 1) {
        const score = 1 + (k % 5);
        pending.push(call(writer.socket!, 'rating:set', { opId: nanoid(), topicId: msg.topicId, now: score, want: Math.min(5, score + 1) }, ratings));
      } else {
        pending.push(writeAnswer(writer, msg.topicId, msg.questionIds, acks));
      }
    }
  });
  await Promise.all(runs);
  await Promise.all(pending);
  post({ type: 'groupWorkDone', acks, ratings });
}

/* ---------- phase 4: burst ---------- */

async function burst(msg: Extract<ToWorker, { type: 'burst' }>): Promise<void> {
  const acks = newAckStats();
  const pending = phones
    .filter((p) => p.joined)
    .map(async (ph) => {
      await sleep(msg.startAt + Math.random() * msg.spreadMs - clock());
      const seq = nextSeq();
      sends.push(seq, ph.spec.idx, clock());
      await call(
        ph.socket!,
        'answer:add',
        { answerId: nanoid(), topicId: msg.topicId, questionId: msg.questionId, text: `#s${seq}# ${sentence(12)}` },
        acks,
        undefined,
        seq,
      );
    });
  await Promise.all(pending);
  post({ type: 'burstDone', acks });
}

/* ---------- phase 5: reconnect storm ---------- */

async function reconnect(fraction: number, windowMs: number, timeoutMs: number): Promise<void> {
  const joined = phones.filter((p) => p.joined);
  for (let i = joined.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [joined[i], joined[j]] = [joined[j]!, joined[i]!];
  }
  const chosen = joined.slice(0, Math.round(joined.length * fraction));
  const samples: number[] = [];
  const reasons: Record<string, number> = {};
  let failures = 0;
  for (const ph of chosen) ph.socket!.disconnect();
  await Promise.all(
    chosen.map(async (ph) => {
      await sleep(Math.random() * windowMs);
      ph.lastConnectError = null;
      const got = new Promise<number>((resolve) => {
        ph.onSnapshot = resolve;
      });
      const t0 = clock();
      ph.socket!.connect();
      const t = await Promise.race([got, sleep(timeoutMs).then(() => null)]);
      if (t === null) {
        ph.onSnapshot = null;
        failures++;
        const why = ph.lastConnectError ?? (ph.socket!.connected ? 'no snapshot' : 'not connected');
        reasons[why] = (reasons[why] ?? 0) + 1;
      } else {
        samples.push(t - t0);
      }
    }),
  );
  post({ type: 'reconnected', dropped: chosen.length, samples, failures, failureReasons: reasons });
}

/* ---------- dispatch ---------- */

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'join':
      return joinAll(msg.concurrency, msg.timeoutMs);
    case 'awaitGroups':
      return awaitGroups(msg.timeoutMs);
    case 'arm':
      armed = msg.action;
      paceCount = 0;
      paceExpected = phones.filter((p) => p.joined).length;
      post({ type: 'armed', action: msg.action });
      if (paceExpected === 0) post({ type: 'actionDone', action: msg.action, received: 0, expected: 0 });
      return;
    case 'collectPace':
      armed = null;
      post({ type: 'pace', receipts: paceReceipts });
      return;
    case 'resetCounts':
      for (const p of phones) p.messages = p.snapshots = p.events = 0;
      loop.reset();
      return;
    case 'counts': {
      const joined = phones.filter((p) => p.joined);
      post({
        type: 'counts',
        messages: joined.map((p) => p.messages),
        snapshots: joined.map((p) => p.snapshots),
        events: joined.map((p) => p.events),
        loopP99Ms: loop.percentile(99) / 1e6,
        loopMaxMs: loop.max / 1e6,
      });
      return;
    }
    case 'groupWork':
      return groupWork(msg);
    case 'stopGroupWork':
      groupWorkStopped = true;
      return;
    case 'burst':
      return burst(msg);
    case 'collectUpdates':
      post({ type: 'updates', sends, receipts, acked });
      sends = [];
      receipts = [];
      acked = [];
      return;
    case 'reconnect':
      return reconnect(msg.fraction, msg.windowMs, msg.timeoutMs);
    case 'stats':
      post({ type: 'stats', unexpectedDisconnects, reasons: disconnectReasons, connectErrors, removed });
      return;
    case 'close':
      loop.disable();
      for (const p of phones) p.socket?.disconnect();
      post({ type: 'closed' });
      return;
  }
}

port.on('message', (msg: ToWorker) => {
  handle(msg).catch((err: unknown) => post({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
});
post({ type: 'ready', workerId: data.workerId });
