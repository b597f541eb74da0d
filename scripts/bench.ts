/**
 * `npm run bench`: load test of the real production server.
 *
 * Starts server/index.ts as its own process (built client, SQLite store in a fresh
 * directory, default settings, METRICS=1 for /internal/metrics, --expose-gc) and drives it
 * from this process with real socket.io-client connections over 127.0.0.1 (WebSocket
 * transport; participants spread over worker threads). Phases:
 *
 *   1. join storm: N participants join, 50 joins in flight; then groups of 5
 *   2. facilitator actions that reach everyone (next characteristic, timer start) ×10
 *   3. group work: every group sends a (debounced) answer update about once a second, with ratings
 *   3b. downloads: every report format of the full session, one by one, while the groups keep working
 *   4. burst: every participant submits an answer within one second
 *   5. reconnect storm: 20% of the participants drop and come back within 5 s
 *
 * Then, with the app stopped, the same clients drive a bare Socket.IO reference server with
 * the same rooms (scripts/reference-server.ts, driven by scripts/lib/bench/reference.ts)
 * through the same phases but the downloads, and the report sets each comparable figure of
 * the app next to the reference's. At N ≥ 5,000 the bench applies the 5,000 budgets of
 * issue 14 instead of the 2,000 ones.
 *
 * Meanwhile the real facilitator console (1280×800) and the real screen page (1920×1080)
 * are open in Chromium (skipped with a message when there is none): their main-thread long
 * tasks per phase, and the time from an answer's ack to its text being in the screen's DOM.
 *
 * Prints a table per phase (figure, budget, ✓/✗), the conditions, and as the very last line
 * one JSON object with every figure (`npm run bench | tail -1 | jq`).
 *
 * Options: --participants N (default 2000), --sessions S (default 1; N is split over them),
 * --quick (N = 200, 10 s of group work: the CI smoke check), --group-seconds G,
 * --workers W (client worker threads), --cpu-prof (profile the server, print its top functions),
 * --no-pages (do not open the console and screen pages in Chromium).
 * --no-reference (do not run the bare Socket.IO reference server after the app; see below).
 * --page-prof (profile the console and screen pages in Chromium, print their top functions).
 * --page-trace[=S] (a Chrome trace of the screen page for 10 s of group work from S s in, default 20:
 *   layout, style, paint, script).
 * --nodes N (the same phases on N servers behind nginx on PostgreSQL, side by side with one
 *   server so; plus a failover phase: scripts/lib/bench/cluster.ts).
 * --target URL [--target-nodes a=URL,b=URL] (drive servers already running, as --nodes does:
 *   scripts/lib/bench/target.ts).
 *
 * Exit code 0 whatever the budgets say; non-zero only when the bench or the server crashes.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { nanoid } from 'nanoid';
import { io, type Socket } from 'socket.io-client';
import type { DomainEvent } from '../shared/domain/events.ts';
import type { Ack } from '../shared/protocol/ack.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/protocol/events.ts';
import { durations, openBenchPages, type BenchPages, type PageName } from './lib/bench/browser.ts';
import { measureParticipantBundle, type BundleReport } from './lib/bench/bundle.ts';
import { allWorkers as sendAll, ClientWorker, die, guard, type Msg } from './lib/bench/clientWorker.ts';
import type { FromWorker, JoinSample, Membership, ToWorker } from './lib/bench/messages.ts';
import { facilitatorActions, mergeAcks, paceActions, participantSpecs, updateFigures } from './lib/bench/phases.ts';
import { comparisonRows, referenceJson, runReference, type ReferenceResult } from './lib/bench/reference.ts';
import { formatProfile, summariseProfile, type ProfileSummary } from './lib/bench/profile.ts';
import {
  clock,
  eq,
  fmt,
  fmtSummary,
  le,
  lt,
  round,
  summarise,
  table,
  verdict,
  type Budget,
  type Row,
  type Summary,
} from './lib/bench/stats.ts';
import { buildServer, freePort, startServerProcess, type ServerProcess } from './lib/serverProcess.ts';
import { apiToken, createSessionRequest } from './lib/accounts.ts';
import { runClusterBench } from './lib/bench/cluster.ts';
import { fetchMetrics, operatorPath, parseTarget, resetMetrics, type NodeMetrics, type Target } from './lib/bench/target.ts';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type LooseEmitter = { emitWithAck(event: string, payload: unknown): Promise<Ack<unknown>> };

/* ------------------------------------------------------------------ options */

interface Options {
  participants: number;
  sessions: number;
  quick: boolean;
  groupSeconds: number;
  workers: number;
  groupSize: number;
  cpuProf: boolean;
  /** Leave the console and screen pages closed: the server's figures without Chromium on the same cores. */
  noPages: boolean;
  pageProf: boolean;
  /** Trace the screen page for 10 s of the group work, from this many seconds in, and print what its main thread did. */
  pageTrace: number | null;
  rounds: number;
  /** Skip the bare Socket.IO reference server after the app's phases. */
  noReference: boolean;
  /** --nodes N: the cluster bench (scripts/lib/bench/cluster.ts). */
  nodes: number | null;
  /** --target: servers already running, driven instead of starting one. */
  target: Target | null;
}

function parseArgs(argv: readonly string[]): Options {
  const quick = argv.includes('--quick');
  const value = (name: string): string | undefined => {
    const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
    if (i < 0) return undefined;
    const a = argv[i]!;
    return a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1];
  };
  const int = (name: string, fallback: number, min: number): number => {
    const v = value(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number ≥ ${min}, got "${v}"`);
    return n;
  };
  const participants = int('--participants', quick ? 200 : 2000, 1);
  const sessions = int('--sessions', 1, 1);
  if (sessions > participants) throw new Error('--sessions cannot exceed --participants');
  const target = value('--target');
  if (target && argv.includes('--cpu-prof')) throw new Error('--cpu-prof profiles a server the bench starts, not a --target');
  return {
    participants,
    sessions,
    quick,
    groupSeconds: int('--group-seconds', quick ? 10 : 60, 1),
    // One client thread is enough for a few hundred sockets; beyond that, spread the decoding over two.
    workers: int('--workers', participants <= 500 ? 1 : 2, 1),
    groupSize: 5,
    cpuProf: argv.includes('--cpu-prof'),
    noPages: argv.includes('--no-pages'),
    pageProf: argv.includes('--page-prof'),
    pageTrace: argv.some((a) => a.startsWith('--page-trace')) ? Number(argv.find((a) => a.startsWith('--page-trace='))?.split('=')[1] ?? 20) : null,
    rounds: 10,
    noReference: argv.includes('--no-reference'),
    nodes: value('--nodes') === undefined ? null : int('--nodes', 3, 1),
    target: target ? parseTarget(target, value('--target-nodes')) : null,
  };
}

/* ------------------------------------------------------------------ plumbing */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** GET /internal/metrics (scripts/lib/bench/target.ts). */
type ServerMetrics = NodeMetrics;

interface Operator {
  readonly session: number;
  readonly role: 'facilitator' | 'screen';
  readonly socket: ClientSocket;
  messages: number;
  presenceMessages: number;
  events: number;
  topics: string[];
  questions: string[];
  stepIndex: number;
  /** Agenda index of each topic's step, in topic order (the agenda is data: slides come first). */
  topicSteps: number[];
}

interface PhaseMetrics {
  readonly wallS: number;
  readonly serverCpuS: number;
  readonly clientCpuS: number;
  readonly loopP99Ms: number;
  readonly loopMaxMs: number;
  readonly rssMb: number;
  readonly clientLoopP99Ms: number;
  readonly messages: Summary;
  readonly snapshots: Summary;
  readonly events: Summary;
  readonly screenMessages: number;
  readonly screenPresenceMessages: number;
  /** Main-thread long tasks (ms) of the console and screen pages in Chromium during the phase. */
  readonly longTasks: Record<PageName, number[]>;
  /** Their main threads' CPU time and busy (wall) time in the phase, s. */
  readonly mainThread: Record<PageName, { cpuS: number; busyS: number; heapMb: number }>;
}

const KB = 1024;
const MB = 1024 * 1024;

/* ------------------------------------------------------------------ main */

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.nodes !== null) return runClusterBench({ nodes: opts.nodes, participants: opts.participants, sessions: opts.sessions, argv: process.argv.slice(2) });
  const root = process.cwd();
  const startedAt = clock();
  // The machine may be shared: its load before the bench starts tells readers how quiet it was.
  const loadBefore = os.loadavg()[0]!;
  const N = opts.participants;
  const S = opts.sessions;
  console.log(
    `Samenspraak bench: ${N.toLocaleString('en-US')} participants in ${S} session(s), groups of ${opts.groupSize}, ` +
      `${opts.groupSeconds} s of group work${opts.quick ? ' (quick)' : ''}`,
  );

  // The participant page's weight, from the production build (built first if missing).
  const bundle: BundleReport = measureParticipantBundle(root, path.join(root, 'dist', 'client'));
  if (bundle.note) console.log(`bundle: ${bundle.note}`);
  if (opts.pageProf) {
    // Sizes are measured; now a build with readable function names for the pages' profiles.
    console.log('--page-prof: building the client again without minifying, for readable profiles …');
    const res = spawnSync('npx', ['vite', 'build', '--minify', 'false', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (res.status !== 0) throw new Error('the unminified client build failed');
  }

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'samenspraak-bench-'));
  const profDir = opts.cpuProf ? mkdtempSync(path.join(os.tmpdir(), 'samenspraak-prof-')) : null;
  const port = await freePort();
  let server: ServerProcess | null = null;
  let stopping = false;
  const workers: ClientWorker[] = [];
  const operators: Operator[] = [];
  let pages: BenchPages | null = null;
  const benchLoop = monitorEventLoopDelay({ resolution: 10 });
  benchLoop.enable();
  let sampler: NodeJS.Timeout | null = null;

  /** Phase stretches in ms since the server was spawned, to slice its CPU profile. */
  const windows: { name: string; fromMs: number; toMs: number }[] = [];
  let spawnAt = clock();

  try {
    let srv: ServerProcess | null = null;
    if (!opts.target) {
      buildServer();
      spawnAt = clock();
      srv = server = await startServerProcess({
        port,
        dataDir,
        env: { METRICS: '1' },
        nodeArgs: ['--expose-gc', ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [])],
      });
      srv.child.once('exit', (code, signal) => {
        if (stopping) return;
        const why = code === 0 ? ': exit code 0 means its SIGTERM/SIGINT handler ran, so something outside the bench stopped it' : '';
        die(new Error(`the server exited during the bench (code ${code}, signal ${signal})${why}`));
      });
      console.log(`server: ${srv.url} (pid ${srv.child.pid}), data in ${dataDir}`);
    }
    const url = srv?.url ?? opts.target!.url;
    // A --target: every node's figures, merged (scripts/lib/bench/target.ts).
    const metricsUrls = opts.target?.nodes.map((n) => n.url) ?? [url];
    if (opts.target) console.log(`server: ${url}, already running: ${opts.target.nodes.map((n) => `${n.id} ${n.url}`).join(', ')} (server figures: CPU, heap and connections summed over the nodes; event loop and RSS the worst node's)`);

    const metrics = (gc = false): Promise<ServerMetrics> => guard(fetchMetrics<ServerMetrics>(metricsUrls, gc));
    const resetLoop = () => guard(resetMetrics(metricsUrls));
    let rssPeak = 0;
    let connectionsPeak = 0;
    sampler = setInterval(() => {
      fetchMetrics<ServerMetrics>(metricsUrls)
        .then((m) => {
          rssPeak = Math.max(rssPeak, m.rssBytes);
          connectionsPeak = Math.max(connectionsPeak, m.connections);
        })
        .catch(() => undefined);
    }, 500);

    const first = await metrics(true);
    if (!first.gcExposed) console.log('note: the server has no gc(): heap figures include garbage');

    /* ---------- sessions, facilitators and screens ---------- */
    const sessions: { sessionId: string; code: string; facilitatorSecret: string; screenSecret: string }[] = [];
    // Creating sessions needs an account: the beheerder the server made from ADMIN_* (serverProcess.ts).
    const token = await guard(apiToken(url));
    for (let s = 0; s < S; s++) {
      const res = await guard(createSessionRequest(url, token));
      if (res.status !== 201) throw new Error(`POST /api/sessions answered ${res.status}: ${await res.text()}`);
      sessions.push((await res.json()) as (typeof sessions)[number]);
    }

    let unexpectedOperatorDisconnects = 0;
    const operatorReasons: Record<string, number> = {};
    /** seq → when the shared screen received the tagged update. */
    const screenReceipts = new Map<number, number>();
    const TAG = /^#s(\d+)#/;

    let sessionTitle = '';
    const connectOperator = async (session: number, role: 'facilitator' | 'screen'): Promise<Operator> => {
      const s = sessions[session]!;
      const socket: ClientSocket = io(url, {
        transports: ['websocket'],
        forceNew: true,
        path: operatorPath(opts.target, session),
        auth: { sessionId: s.sessionId, secret: role === 'facilitator' ? s.facilitatorSecret : s.screenSecret, as: role },
      });
      const op: Operator = { session, role, socket, messages: 0, presenceMessages: 0, events: 0, topics: [], questions: [], stepIndex: 0, topicSteps: [] };
      const ready = new Promise<void>((resolve) => {
        socket.once('operator:snapshot', (snap) => {
          sessionTitle = snap.state.content.title;
          op.topics = snap.state.content.topics.map((t) => t.id);
          op.questions = snap.state.content.questions.map((q) => q.id);
          op.stepIndex = snap.state.stepIndex;
          op.topicSteps = op.topics.map((id) => snap.state.agenda.findIndex((s) => s.kind === 'topic' && s.payload.topicId === id));
          resolve();
        });
      });
      socket.on('operator:events', (events: readonly DomainEvent[]) => {
        const t = clock();
        op.messages++;
        op.events += events.length;
        if (role !== 'screen') return;
        for (const e of events) {
          if (e.type !== 'answer.added' && e.type !== 'answer.edited') continue;
          const m = TAG.exec(e.type === 'answer.added' ? e.answer.text : e.text);
          if (m && !screenReceipts.has(Number(m[1]))) screenReceipts.set(Number(m[1]), t);
        }
      });
      socket.on('presence:changed', () => {
        op.messages++;
        op.presenceMessages++;
      });
      socket.on('disconnect', (reason) => {
        if (reason === 'io client disconnect') return;
        unexpectedOperatorDisconnects++;
        operatorReasons[`${role}: ${reason}`] = (operatorReasons[`${role}: ${reason}`] ?? 0) + 1;
      });
      await guard(Promise.race([ready, sleep(15_000).then(() => Promise.reject(new Error(`${role} got no snapshot`)))]));
      return op;
    };
    for (let s = 0; s < S; s++) {
      operators.push(await connectOperator(s, 'facilitator'));
      operators.push(await connectOperator(s, 'screen'));
    }
    const facilitators = operators.filter((o) => o.role === 'facilitator');
    const screens = operators.filter((o) => o.role === 'screen');

    /* ---------- the real console and screen pages (session 1) in Chromium ---------- */
    const opened = opts.noPages
      ? { skipped: '--no-pages: the console and screen pages were not opened (the server and clients had the machine to themselves)' }
      : await guard(
      openBenchPages({
        url,
        sessionId: sessions[0]!.sessionId,
        facilitatorSecret: sessions[0]!.facilitatorSecret,
        screenSecret: sessions[0]!.screenSecret,
        readyText: sessionTitle,
        profile: opts.pageProf,
      }),
    );
    const browserSkipped = 'skipped' in opened ? opened.skipped : null;
    if ('skipped' in opened) console.log(`browser: skipped: ${opened.skipped}`);
    else {
      pages = opened;
      console.log(`browser: the console (1280×800) and the screen (1920×1080) of session 1 are open in ${opened.chromium} (headless)`);
    }
    const noTasks = (): Record<PageName, number[]> => ({ console: [], screen: [] });

    const ask = async (op: Operator, event: keyof ClientToServerEvents, payload: unknown, timeoutMs = 30_000) => {
      const t0 = clock();
      const ack = await guard((op.socket.timeout(timeoutMs) as unknown as LooseEmitter).emitWithAck(event, payload));
      return { ack, ms: clock() - t0, t0 };
    };

    const baseline = await metrics(true);

    /* ---------- client workers ---------- */
    const specs = participantSpecs(N, sessions.map((x) => x.code));
    const W = Math.min(opts.workers, N);
    const entry = new URL('./lib/bench/worker.ts', import.meta.url).href;
    for (let w = 0; w < W; w++) {
      workers.push(new ClientWorker(w, { entry, workerId: w + 1, url, participants: specs.filter((p) => p.idx % W === w) }));
    }
    await Promise.all(workers.map((w) => w.next('ready')));
    const sessionOf = (idx: number) => idx % S;

    const allWorkers = <T extends FromWorker['type']>(msg: ToWorker | ((w: ClientWorker) => ToWorker), reply: T): Promise<Msg<T>[]> =>
      sendAll(workers, msg, reply);

    /** Runs one phase between a reset and a read of the server's figures and the message counters. */
    async function phase<T>(name: string, fn: () => Promise<T>): Promise<{ result: T; m: PhaseMetrics }> {
      await resetLoop();
      for (const w of workers) w.send({ type: 'resetCounts' });
      for (const o of operators) o.messages = o.presenceMessages = o.events = 0;
      const s0 = await metrics();
      const c0 = process.cpuUsage();
      const w0 = clock();
      const result = await fn();
      windows.push({ name, fromMs: w0 - spawnAt, toMs: clock() - spawnAt });
      const wallS = (clock() - w0) / 1000;
      const c1 = process.cpuUsage(c0);
      const s1 = await metrics();
      const counts = await allWorkers({ type: 'counts' }, 'counts');
      const tasks = pages ? await pages.takeLongTasks() : null;
      const mainThread = pages ? await pages.takeMainThread() : null;
      rssPeak = Math.max(rssPeak, s1.rssBytes);
      const screen = screens[0]!;
      return {
        result,
        m: {
          wallS,
          serverCpuS: (s1.cpuUserMicros + s1.cpuSystemMicros - s0.cpuUserMicros - s0.cpuSystemMicros) / 1e6,
          clientCpuS: (c1.user + c1.system) / 1e6,
          loopP99Ms: s1.eventLoop.p99Ms,
          loopMaxMs: s1.eventLoop.maxMs,
          rssMb: s1.rssBytes / MB,
          clientLoopP99Ms: Math.max(...counts.map((c) => c.loopP99Ms)),
          messages: summarise(counts.flatMap((c) => c.messages)),
          snapshots: summarise(counts.flatMap((c) => c.snapshots)),
          events: summarise(counts.flatMap((c) => c.events)),
          screenMessages: screen.messages,
          screenPresenceMessages: screen.presenceMessages,
          longTasks: tasks ? { console: durations(tasks.console), screen: durations(tasks.screen) } : noTasks(),
          mainThread: mainThread ?? { console: { cpuS: 0, busyS: 0, heapMb: 0 }, screen: { cpuS: 0, busyS: 0, heapMb: 0 } },
        },
      };
    }

    /* ================================================================ phase 1: join storm */
    console.log('\nphase 1: join storm …');
    const JOIN_IN_FLIGHT = 50;
    const p1 = await phase('phase 1: join storm + grouping', async () => {
      const joined = await allWorkers(
        (w) => ({
          type: 'join',
          concurrency: Math.floor(JOIN_IN_FLIGHT / W) + (w.id < JOIN_IN_FLIGHT % W ? 1 : 0),
          timeoutMs: 15_000,
        }),
        'joined',
      );
      const samples: JoinSample[] = joined.flatMap((j) => j.samples);
      const connectErrors = joined.reduce((s, j) => s + j.connectErrors, 0);
      // Grouping: every facilitator forms groups of 5; done when every participant has its group.
      const groupStart = clock();
      const groupAcks = await Promise.all(facilitators.map((f) => ask(f, 'groups:form', { opId: nanoid(), targetSize: opts.groupSize })));
      const groups = await allWorkers({ type: 'awaitGroups', timeoutMs: 30_000 }, 'groups');
      const members: Membership[] = groups.flatMap((g) => g.members);
      const lastGrouped = Math.max(groupStart, ...members.map((m) => m.at ?? groupStart));
      windows.push({ name: '  of which groups:form → everyone grouped', fromMs: groupStart - spawnAt, toMs: lastGrouped - spawnAt });
      return {
        samples,
        connectErrors,
        groupAcks,
        members,
        groupMissing: groups.reduce((s, g) => s + g.missing, 0),
        groupingMs: lastGrouped - groupStart,
      };
    });
    const joinOk = p1.result.samples.filter((s) => s.ok);
    const joinFailures = p1.result.samples.filter((s) => !s.ok);
    const joinErrors: Record<string, number> = {};
    for (const f of joinFailures) joinErrors[f.error ?? '?'] = (joinErrors[f.error ?? '?'] ?? 0) + 1;
    const joinAck = summarise(p1.result.samples.flatMap((s) => (s.ackMs === null ? [] : [s.ackMs])));
    const joinConnect = summarise(p1.result.samples.flatMap((s) => (s.connectMs === null ? [] : [s.connectMs])));
    const joinTotal = summarise(joinOk.map((s) => s.endAt - s.startAt));
    const joinAllS =
      p1.result.samples.length > 0
        ? (Math.max(...p1.result.samples.map((s) => s.endAt)) - Math.min(...p1.result.samples.map((s) => s.startAt))) / 1000
        : null;
    const groupAckFailures = p1.result.groupAcks.filter((a) => !a.ack.ok);
    if (groupAckFailures.length) console.log(`groups:form refused: ${JSON.stringify(groupAckFailures.map((a) => a.ack))}`);

    // Group membership, as the participants were told it.
    const groupOf = new Map<number, string>();
    const groupSize = new Map<string, number>();
    for (const m of p1.result.members) {
      if (!m.groupId) continue;
      groupOf.set(m.idx, m.groupId);
      groupSize.set(m.groupId, (groupSize.get(m.groupId) ?? 0) + 1);
    }
    const joinedCount = joinOk.length;
    const afterJoin = await metrics(true);
    const heapPerConnKb = joinedCount > 0 ? (afterJoin.heapUsedBytes - baseline.heapUsedBytes) / joinedCount / KB : null;
    console.log(
      `  ${joinedCount}/${N} joined in ${fmt(joinAllS, 2)} s, ${groupSize.size} groups formed in ${fmt(p1.result.groupingMs, 0)} ms`,
    );

    /* ================================================================ phase 2: facilitator actions */
    console.log(`phase 2: facilitator actions ×${opts.rounds} (next characteristic + timer start) …`);
    const topics = facilitators[0]!.topics;
    const questions = facilitators[0]!.questions;
    const topicSteps = facilitators[0]!.topicSteps;
    let stepIndex = facilitators[0]!.stepIndex;
    const p2 = await phase('phase 2: facilitator actions', async () => {
      const planned = paceActions(opts.rounds, topicSteps, stepIndex);
      stepIndex = planned.stepIndex;
      const asking = facilitators.map((f) => ({ session: f.session, ask: (event: keyof ClientToServerEvents, payload: unknown) => ask(f, event, payload) }));
      return facilitatorActions(workers, asking, planned.actions, { sessions: S, sessionOf, joined: joinedCount });
    });
    console.log(`  ${p2.result.actions} actions, → participant ${fmtSummary(p2.result.latencies)}`);

    /* ================================================================ phase 3: group work */
    const topicId = topics[topicSteps.indexOf(stepIndex)] ?? topics[0]!;
    console.log(`phase 3: group work for ${opts.groupSeconds} s on ${topicId} …`);

    const computeUpdates = (updates: Msg<'updates'>[]) => updateFigures(updates, groupOf, groupSize, screenReceipts);
    /** Ack of a tagged answer (session 1) → its text in the screen page's DOM. */
    const toScreenDom = (updates: Msg<'updates'>[], seen: Map<number, number> | null) => {
      const ms: number[] = [];
      let acked = 0;
      let missing = 0;
      for (const u of updates) {
        const senderOf = new Map<number, number>();
        for (let i = 0; i < u.sends.length; i += 3) senderOf.set(u.sends[i]!, u.sends[i + 1]!);
        for (let i = 0; i < u.acked.length; i += 2) {
          const seq = u.acked[i]!;
          if (sessionOf(senderOf.get(seq) ?? -1) !== 0) continue;
          acked++;
          const t = seen?.get(seq);
          if (t === undefined) missing++;
          else ms.push(t - u.acked[i + 1]!);
        }
      }
      return { samples: ms, latency: summarise(ms), acked, missing };
    };
    const p3 = await phase('phase 3: group work', async () => {
      screenReceipts.clear();
      const traced =
        opts.pageTrace !== null && pages
          ? sleep(opts.pageTrace * 1000).then(() => pages!.trace('screen', 10_000)).then((t) => {
              console.log(`  screen page trace, 10 s of group work from ${opts.pageTrace} s (main thread, ms by trace event; nested events overlap): ${t.file}`);
              for (const [name, ms] of t.top) console.log(`    ${fmt(ms, 0).padStart(7)}  ${name}`);
            })
          : Promise.resolve();
      const done = await allWorkers(
        {
          type: 'groupWork',
          startAt: clock() + 500,
          durationMs: opts.groupSeconds * 1000,
          topicId,
          questionIds: questions,
          ratingEvery: 10,
        },
        'groupWorkDone',
      );
      await sleep(1500); // let the last deliveries arrive
      await traced;
      const updates = await allWorkers({ type: 'collectUpdates' }, 'updates');
      const dom = toScreenDom(updates, pages ? await pages.takeScreenSeen() : null);
      return { ...computeUpdates(updates), dom, acks: mergeAcks(done.map((d) => d.acks)), ratings: mergeAcks(done.map((d) => d.ratings)) };
    });
    console.log(`  ${p3.result.sends} updates, → members ${fmtSummary(p3.result.members)}`);

    /* ================================================================ phase 3b: downloads */
    // Every download format of the full session, one after another, while the groups keep
    // working: the time to the last byte of each, and the server's event loop meanwhile.
    console.log('phase 3b: every download format during group work …');
    const EXPORTS = [
      ['docx', 'report.docx'],
      ['xlsx', 'export.xlsx'],
      ['csv', 'export.csv?flavour=excel-nl'],
      ['html', 'report.html'],
      ['md', 'report.md'],
    ] as const;
    const p3b = await phase('phase 3b: downloads', async () => {
      const s0 = sessions[0]!;
      const work = allWorkers(
        { type: 'groupWork', startAt: clock() + 200, durationMs: 60_000, topicId, questionIds: questions, ratingEvery: 10 },
        'groupWorkDone',
      );
      await sleep(1000);
      const times: Record<string, number> = {};
      const bytes: Record<string, number> = {};
      for (const [name, path] of EXPORTS) {
        const t0 = clock();
        const res = await guard(fetch(`${url}/api/sessions/${s0.sessionId}/${path}`, { headers: { authorization: `Bearer ${s0.facilitatorSecret}` } }));
        const body = await res.arrayBuffer();
        if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
        times[name] = clock() - t0;
        bytes[name] = body.byteLength;
        console.log(`  ${name}: ${fmt(times[name]!, 0)} ms, ${fmt(body.byteLength / 1024, 0)} KB`);
      }
      for (const w of workers) w.send({ type: 'stopGroupWork' });
      await work;
      await allWorkers({ type: 'collectUpdates' }, 'updates'); // this phase's deliveries are not counted
      return { times, bytes };
    });

    /* ================================================================ phase 4: burst */
    console.log('phase 4: burst (every participant submits within 1 s) …');
    const p4 = await phase('phase 4: burst', async () => {
      screenReceipts.clear();
      const done = await allWorkers(
        { type: 'burst', startAt: clock() + 500, spreadMs: 1000, topicId, questionId: questions[0]! },
        'burstDone',
      );
      await sleep(1000);
      const updates = await allWorkers({ type: 'collectUpdates' }, 'updates');
      const dom = toScreenDom(updates, pages ? await pages.takeScreenSeen() : null);
      return { ...computeUpdates(updates), dom, acks: mergeAcks(done.map((d) => d.acks)) };
    });
    console.log(`  ${p4.result.sends} answers, ack ${fmtSummary(p4.result.acks.latency)}`);

    /* ================================================================ phase 5: reconnect storm */
    console.log('phase 5: reconnect storm (20% drop, back within 5 s) …');
    const p5 = await phase('phase 5: reconnect storm', async () => {
      const res = await allWorkers({ type: 'reconnect', fraction: 0.2, windowMs: 5000, timeoutMs: 15_000 }, 'reconnected');
      await sleep(1000);
      const reasons: Record<string, number> = {};
      for (const r of res) for (const [k, v] of Object.entries(r.failureReasons)) reasons[k] = (reasons[k] ?? 0) + v;
      return {
        dropped: res.reduce((s, r) => s + r.dropped, 0),
        failures: res.reduce((s, r) => s + r.failures, 0),
        reasons,
        snapshot: summarise(res.flatMap((r) => r.samples)),
      };
    });
    console.log(`  ${p5.result.dropped} dropped, back ${fmtSummary(p5.result.snapshot)}`);

    /* ---------- the end ---------- */
    const end = await metrics(true);
    rssPeak = Math.max(rssPeak, end.rssBytes);
    const stats = await allWorkers({ type: 'stats' }, 'stats');
    const unexpectedDisconnects = stats.reduce((s, x) => s + x.unexpectedDisconnects, 0) + unexpectedOperatorDisconnects;
    const disconnectReasons: Record<string, number> = { ...operatorReasons };
    for (const x of stats) for (const [k, v] of Object.entries(x.reasons)) disconnectReasons[k] = (disconnectReasons[k] ?? 0) + v;
    const removedNotices = stats.reduce((s, x) => s + x.removed, 0);
    if (sampler) clearInterval(sampler);
    sampler = null;

    const pageProblems = pages ? [...pages.problems] : [];
    // The pages stay open through the reference's run when it has one (not when profiled: their
    // profiles are of the app's run): see pagesAlongside below.
    const keepPages = pages !== null && !opts.noReference && !opts.pageProf && opts.pageTrace === null;
    let pageProfiles = keepPages ? {} : ((await pages?.close()) ?? {});
    if (!keepPages) pages = null;
    // Close the clients before the server, so nothing below counts as a disconnect.
    await allWorkers({ type: 'close' }, 'closed');
    for (const w of workers) {
      w.closing = true;
      await w.worker.terminate();
    }
    const appFacilitator = facilitators[0]!;
    for (const o of operators) if (!keepPages || o !== appFacilitator) o.socket.disconnect();
    const stopApp = async () => {
      appFacilitator.socket.disconnect();
      stopping = true;
      await srv?.stop();
      server = null;
    };
    if (!keepPages) await stopApp();

    /* ================================================================ the bare Socket.IO reference */
    let reference: ReferenceResult | null = null;
    if (!opts.noReference) {
      console.log('reference: a bare Socket.IO server with the same rooms, driven by the same clients and phases …');
      reference = await runReference({
        root,
        participants: N,
        sessions: S,
        groupSize: opts.groupSize,
        groupSeconds: opts.groupSeconds,
        workers: W,
        rounds: opts.rounds,
        joinInFlight: JOIN_IN_FLIGHT,
        specs: (codes) => participantSpecs(N, codes),
        ...(keepPages ? { pagesAlongside: pagesAlongside() } : {}),
      });
      console.log(`  reference: ${reference.joined} joined; action → participant ${fmtSummary(reference.broadcast)}`);
    }
    if (keepPages) {
      pageProfiles = (await pages?.close()) ?? {};
      pages = null;
      await stopApp();
    }

    /**
     * The reference's facilitator phase with the app's console and screen redrawing as they did
     * in the app's phase 2: at each reference action the app's facilitator moves its session
     * (no phones left) to another characteristic or starts its timer. The characteristics that
     * got answers since (group work, burst) are left out: in phase 2 every step was still empty.
     */
    function pagesAlongside(): (k: number) => void {
      const worked = topicSteps[topics.indexOf(topicId)];
      const empty = topicSteps.filter((st) => st !== worked);
      const plan = paceActions(opts.rounds, empty, stepIndex).actions;
      return (k) => {
        const action = plan[k];
        if (action) void ask(appFacilitator, action.event, action.payload()).catch(() => undefined);
      };
    }

    let profile: ProfileSummary | null = null;
    if (profDir && srv) {
      // The main thread's profile (thread index 0); others are loader threads.
      const files = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'));
      const file = files.find((f) => new RegExp(`\\.${srv.child.pid}\\.0\\.\\d+\\.cpuprofile$`).test(f)) ?? files.sort()[0];
      if (file) {
        const ordered = [...windows].sort((a, b) => a.fromMs - b.fromMs);
        profile = summariseProfile(path.join(profDir, file), { top: 15, windows: ordered, stallMs: 50, inclusiveOf: [
          'participantView',
          'sendParticipantSnapshot',
          'toOperators',
          'append',
          'decide',
          'evolve',
          'authenticate',
          'onConnection',
          'join',
          'runCommand',
          'sqliteTransaction',
          'formGroups',
          'lateJoinerGroup',
          'socketsJoin',
          'addAll',
          'broadcast',
          'writev',
        ] });
      } else console.log(`no .cpuprofile in ${profDir}: did the server exit cleanly?`);
    }

    /* ================================================================ report */
    const phases = [p1.m, p2.m, p3.m, p3b.m, p4.m, p5.m];
    const eventLoopP99 = Math.max(...phases.map((m) => m.loopP99Ms));
    const eventLoopMax = Math.max(...phases.map((m) => m.loopMaxMs));
    const burstMsgsMax = p4.m.messages.max;
    const burstMsgsMean = p4.m.messages.mean;
    const rssMb = rssPeak / MB;
    const totalServerCpu = phases.reduce((s, m) => s + m.serverCpuS, 0);
    const totalClientCpu = phases.reduce((s, m) => s + m.clientCpuS, 0);

    // Two sets of budgets (issue 14): N = 2,000 (and below, as indications) and N ≥ 5,000 in one run.
    const big = N >= 5000;
    const B = {
      joinP99: lt(250, 'ms'),
      joinAll: lt(big ? 8 : 5, 's'),
      zero: eq(0),
      broadcastP99: lt(100, 'ms'),
      updateP99: lt(100, 'ms'),
      burstMsgs: le(5, ''),
      loopP99: lt(50, 'ms'),
      heapPerConn: le(big ? 12 : 16, 'KB'),
      rss: lt(big ? 400 : 250, 'MB'),
      /** N ≥ 5,000 only. */
      loopMax: big ? lt(150, 'ms') : undefined,
      burstAckP99: big ? lt(250, 'ms') : undefined,
      /**
       * The burst's update to the group and the screen: published just before the submit's ack,
       * so at N ≥ 5,000 it has the ack's budget (issue 14 sets "group update < 100 ms" for the
       * group work and "burst ack < 250 ms" for the burst); the 2,000 set keeps 100 ms.
       */
      burstUpdateP99: lt(big ? 250 : 100, 'ms'),
      /** Facilitator action → participant p99, app / reference: the 2,000 set. */
      vsReference: big ? undefined : le(1.5, '×'),
      jsGz: le(50, 'KB'),
      totalGz: le(150, 'KB'),
      longTaskMax: lt(200, 'ms'),
      longTaskP99: lt(100, 'ms'),
      answerToScreen: lt(500, 'ms'),
      exportMs: lt(2000, 'ms'),
    } satisfies Record<string, Budget | undefined>;
    const row = (label: string, value: number | null, unit: string, budget?: Budget, digits = 1): Row => ({
      label,
      value: value === null ? '—' : `${fmt(value, digits)}${unit ? ` ${unit}` : ''}`,
      ...(budget ? { budget: budget.text, verdict: verdict(value, budget) } : {}),
    });
    const info = (label: string, value: string): Row => ({ label, value });
    const perPhase = (m: PhaseMetrics): Row[] => [
      info('messages per participant', `mean ${fmt(m.messages.mean, 2)} / max ${fmt(m.messages.max, 0)}`),
      info('snapshots per participant', `mean ${fmt(m.snapshots.mean, 2)} / max ${fmt(m.snapshots.max, 0)}`),
      info('screen messages (of which presence)', `${m.screenMessages} (${m.screenPresenceMessages})`),
      row('server event-loop delay p99', m.loopP99Ms, 'ms', B.loopP99),
      row('server event-loop delay max', m.loopMaxMs, 'ms', B.loopMax),
      info('server CPU', `${fmt(m.serverCpuS, 2)} s over ${fmt(m.wallS, 1)} s (${fmt((100 * m.serverCpuS) / Math.max(m.wallS, 1e-9), 0)}% of a core)`),
      info('client CPU (bench process)', `${fmt(m.clientCpuS, 2)} s; client worker event-loop p99 ${fmt(m.clientLoopP99Ms)} ms`),
      info('server RSS at end of phase', `${fmt(m.rssMb)} MB`),
    ];
    // The 5,000 set is for 5,000 in one session: action → participant p99 < 100 ms, met only if they all got in.
    const stretchRow = (): Row => {
      const perSession = joinedCount / S;
      const r = row(`${N.toLocaleString('en-US')} in ${S} session(s), action → participant p99`, p2.result.latencies.p99, 'ms', B.broadcastP99);
      if (perSession >= 5000 || r.verdict !== 'pass') return r;
      const why = S > 1 ? `${Math.round(perSession).toLocaleString('en-US')} per session, not 5,000 in one` : `only ${joinedCount.toLocaleString('en-US')} joined`;
      return { ...r, value: `${r.value} (but ${why})`, verdict: 'fail' };
    };
    const verdicts: { key: string; verdict: string }[] = [];
    const out: string[] = [];
    const addTable = (title: string, rows: Row[]) => {
      out.push(table(title, rows));
      for (const r of rows) if (r.verdict && r.verdict !== 'n/a') verdicts.push({ key: `${title.split(':')[0]}: ${r.label}`, verdict: r.verdict });
    };

    addTable(`Phase 1: join storm (${N} participants, ${JOIN_IN_FLIGHT} joins in flight) and grouping`, [
      { ...row('join ack p99 (session:join → ack)', joinAck.p99, 'ms', B.joinP99) },
      info('join ack', fmtSummary(joinAck)),
      info('connect (io() → connected)', fmtSummary(joinConnect)),
      info('connect + join', fmtSummary(joinTotal)),
      row('all joined', joinAllS, 's', B.joinAll, 2),
      row('join failures', joinFailures.length, '', B.zero, 0),
      ...(joinFailures.length ? [info('  failure reasons', JSON.stringify(joinErrors))] : []),
      info('connect errors (retried)', String(p1.result.connectErrors)),
      info('groups formed', `${groupSize.size} (sizes ${[...new Set(groupSize.values())].sort().join('/')})`),
      info('groups:form ack', `${fmt(Math.max(...p1.result.groupAcks.map((a) => a.ms)), 0)} ms`),
      info('groups:form → last participant has its group', `${fmt(p1.result.groupingMs, 0)} ms (${p1.result.groupMissing} without a group)`),
      row('heap per connection after GC', heapPerConnKb, 'KB', B.heapPerConn, 2),
      info('server heap after GC (before → after join)', `${fmt(baseline.heapUsedBytes / MB)} → ${fmt(afterJoin.heapUsedBytes / MB)} MB`),
      info('server RSS (idle before join → after join)', `${fmt(baseline.rssBytes / MB)} → ${fmt(afterJoin.rssBytes / MB)} MB`),
      ...perPhase(p1.m),
    ]);
    addTable(`Phase 2: facilitator actions that reach everyone (${p2.result.actions} actions)`, [
      row('action → participant p99', p2.result.latencies.p99, 'ms', B.broadcastP99),
      info('action → participant', fmtSummary(p2.result.latencies)),
      info('action → last participant (per action)', `p50 ${fmt(p2.result.last.p50)} / max ${fmt(p2.result.last.max)} ms`),
      ...(N >= 5000 ? [stretchRow()] : []),
      info('facilitator ack', fmtSummary(p2.result.ack)),
      info('missed deliveries / refused acks / timed-out actions', `${p2.result.missed} / ${p2.result.ackFailures} / ${p2.result.timedOutActions}`),
      ...perPhase(p2.m),
    ]);
    addTable(`Phase 3: group work (${groupSize.size} groups, ~1 update/s/group for ${opts.groupSeconds} s, ratings every 10 s)`, [
      row('group update → other members p99', p3.result.members.p99, 'ms', B.updateP99),
      info('group update → other members', fmtSummary(p3.result.members)),
      row('group update → shared screen p99', p3.result.screen.p99, 'ms', B.updateP99),
      info('group update → shared screen', fmtSummary(p3.result.screen)),
      info('updates sent / acked / refused / timed out', `${p3.result.acks.sent} / ${p3.result.acks.ok} / ${JSON.stringify(p3.result.acks.refused)} / ${p3.result.acks.timeouts}`),
      info('update ack', fmtSummary(p3.result.acks.latency)),
      info('ratings sent / acked', `${p3.result.ratings.sent} / ${p3.result.ratings.ok}`),
      info('lost deliveries (members / screen)', `${p3.result.lost} / ${p3.result.screenMissing}`),
      info('messages per participant per second', fmt((p3.m.messages.mean ?? 0) / opts.groupSeconds, 2)),
      ...perPhase(p3.m),
    ]);
    addTable('Phase 3b: every download format during group work', [
      ...EXPORTS.map(([name]) => row(`${name}: request → last byte`, p3b.result.times[name] ?? null, 'ms', B.exportMs, 0)),
      info('file sizes', EXPORTS.map(([name]) => `${name} ${fmt((p3b.result.bytes[name] ?? 0) / 1024, 0)} KB`).join(', ')),
      ...perPhase(p3b.m),
    ]);
    addTable('Phase 4: burst (every participant submits within 1 s)', [
      row('messages per participant in the burst (max)', burstMsgsMax, '', B.burstMsgs, 0),
      info('messages per participant in the burst (mean)', fmt(burstMsgsMean, 2)),
      row('burst submit ack p99', p4.result.acks.latency.p99, 'ms', B.burstAckP99),
      info('submit ack', fmtSummary(p4.result.acks.latency)),
      info('submits acked / refused / timed out', `${p4.result.acks.ok}/${p4.result.acks.sent} / ${JSON.stringify(p4.result.acks.refused)} / ${p4.result.acks.timeouts}`),
      row('burst: update → other members p99', p4.result.members.p99, 'ms', B.burstUpdateP99),
      info('burst: update → other members', fmtSummary(p4.result.members)),
      row('burst: update → shared screen p99', p4.result.screen.p99, 'ms', B.burstUpdateP99),
      info('burst: update → shared screen', fmtSummary(p4.result.screen)),
      info('lost deliveries (members / screen)', `${p4.result.lost} / ${p4.result.screenMissing}`),
      ...perPhase(p4.m),
    ]);
    addTable('Phase 5: reconnect storm (20% drop, back within 5 s)', [
      info('dropped and reconnected', String(p5.result.dropped)),
      info('reconnect → snapshot', fmtSummary(p5.result.snapshot)),
      row('reconnect failures', p5.result.failures, '', B.zero, 0),
      ...(p5.result.failures ? [info('  failure reasons', JSON.stringify(p5.result.reasons))] : []),
      ...perPhase(p5.m),
    ]);
    // The console and the screen in Chromium: long tasks over the whole run (no long task = 0 ms).
    const longTasks = (page: PageName) => {
      const all = phases.flatMap((m) => m.longTasks[page]);
      const sum = summarise(all);
      return { count: all.length, p99: browserSkipped ? null : (sum.p99 ?? 0), max: browserSkipped ? null : (sum.max ?? 0), sum };
    };
    const consoleTasks = longTasks('console');
    const screenTasks = longTasks('screen');
    const answerToScreen = summarise([...p3.result.dom.samples, ...p4.result.dom.samples]);
    const domAll = [p3.result.dom, p4.result.dom];
    const phaseNames = ['join', 'facilitator', 'group work', 'downloads', 'burst', 'reconnect'];
    const mainThreadRow = (page: PageName) => {
      const cpu = phases.reduce((s, m) => s + m.mainThread[page].cpuS, 0);
      const busy = phases.reduce((s, m) => s + m.mainThread[page].busyS, 0);
      const waited = busy > 1.5 * cpu ? ' (busy ≫ CPU: the page waited for a core, so its long tasks include time other processes ran)' : '';
      return info(`${page} main thread CPU / busy (tasks, wall)`, `${fmt(cpu, 2)} s / ${fmt(busy, 2)} s${waited}`);
    };
    const heapRow = (page: PageName) =>
      info(`${page} JS heap in use at the end of each phase`, phases.map((m, i) => `${phaseNames[i]} ${fmt(m.mainThread[page].heapMb, 0)}`).join(', ') + ' MB');
    const perPhaseTasks = (page: PageName) =>
      phases.map((m, i) => `${phaseNames[i]} ${m.longTasks[page].length}/${fmt(m.longTasks[page].length ? Math.max(...m.longTasks[page]) : 0, 0)}`).join(', ');
    addTable('Console and screen pages in Chromium (session 1)', browserSkipped
      ? [info('skipped', browserSkipped)]
      : [
          row('console long task max', consoleTasks.max, 'ms', B.longTaskMax, 0),
          row('console long task p99', consoleTasks.p99, 'ms', B.longTaskP99, 0),
          info('console long tasks', `${consoleTasks.count} (per phase count/max ms: ${perPhaseTasks('console')})`),
          mainThreadRow('console'),
          heapRow('console'),
          row('screen long task max', screenTasks.max, 'ms', B.longTaskMax, 0),
          row('screen long task p99', screenTasks.p99, 'ms', B.longTaskP99, 0),
          info('screen long tasks', `${screenTasks.count} (per phase count/max ms: ${perPhaseTasks('screen')})`),
          mainThreadRow('screen'),
          heapRow('screen'),
          row('answer ack → text in the screen DOM p99', answerToScreen.p99, 'ms', B.answerToScreen),
          info('answer ack → screen DOM', fmtSummary(answerToScreen)),
          info('  group work / burst p99', `${fmt(p3.result.dom.latency.p99)} / ${fmt(p4.result.dom.latency.p99)} ms`),
          info('acked answers never in the screen DOM', `${domAll.reduce((s, d) => s + d.missing, 0)} of ${domAll.reduce((s, d) => s + d.acked, 0)}`),
          ...(pageProblems.length ? [info('page errors', pageProblems.slice(0, 3).join(' | '))] : []),
        ]);
    addTable('Whole run', [
      row('event-loop delay p99 (worst phase)', eventLoopP99, 'ms', B.loopP99),
      row('event-loop delay max (worst phase)', eventLoopMax, 'ms', B.loopMax),
      row('heap per connection after GC', heapPerConnKb, 'KB', B.heapPerConn, 2),
      row('server RSS (peak)', rssMb, 'MB', B.rss),
      info('export process RSS (peak; its own process, apart from the server)', `${fmt((end.exportPeakRssBytes ?? 0) / MB)} MB`),
      info('server heap after GC at the end', `${fmt(end.heapUsedBytes / MB)} MB`),
      row('disconnects not caused by the bench', unexpectedDisconnects, '', B.zero, 0),
      ...(unexpectedDisconnects ? [info('  reasons', JSON.stringify(disconnectReasons))] : []),
      ...(removedNotices ? [info('participant:removed notices', String(removedNotices))] : []),
      row('participant page JS (gzip)', bundle.participantJsGzKb, 'KB', B.jsGz),
      row('everything the phone loads (gzip)', bundle.participantTotalGzKb, 'KB', B.totalGz),
      info('participant JS fetched after joining (dialogue steps, gzip)', bundle.afterJoinJsGzKb === null ? 'n/a' : `${bundle.afterJoinJsGzKb.toFixed(1)} KB`),
      info('participant page JS / everything, as sent (brotli 11)', bundle.participantJsBrKb === null ? 'n/a' : `${bundle.participantJsBrKb.toFixed(1)} KB / ${bundle.participantTotalBrKb!.toFixed(1)} KB`),
      ...(bundle.note ? [info('  bundle', bundle.note)] : []),
      info('server CPU total / client CPU total', `${fmt(totalServerCpu, 1)} s / ${fmt(totalClientCpu, 1)} s`),
      info('peak server connections', String(connectionsPeak)),
    ]);
    if (reference) {
      // The same phases on both (the reference has no downloads): the app's worst over those.
      const same = [p1.m, p2.m, p3.m, p4.m, p5.m];
      const refWorst = (pick: (p: ReferenceResult['phases'][number]) => number) => Math.max(...reference!.phases.map(pick));
      addTable('App vs bare Socket.IO reference', [
        info('conditions', `the same ${N.toLocaleString('en-US')} clients (${reference.joined.toLocaleString('en-US')} joined the reference), rooms and phases; the reference ran after the app's clients stopped${keepPages ? "; in its facilitator phase the app's console and screen stayed open and redrew at the same moments (the app's facilitator moving its session, which had no phones left)" : ''}`),
        ...comparisonRows([
        { label: 'join ack p99', unit: 'ms', app: joinAck.p99, ref: reference.joinAck.p99 },
        { label: 'all joined', unit: 's', app: joinAllS, ref: reference.joinAllS, digits: 2 },
        { label: 'groups:form → last participant has its group', unit: 'ms', app: p1.result.groupingMs, ref: reference.groupingMs, digits: 0 },
        { label: 'action → participant p50', unit: 'ms', app: p2.result.latencies.p50, ref: reference.broadcast.p50 },
        { label: 'action → participant p99', unit: 'ms', app: p2.result.latencies.p99, ref: reference.broadcast.p99, ratioBudget: B.vsReference },
        { label: 'group update → other members p99', unit: 'ms', app: p3.result.members.p99, ref: reference.groupUpdate.p99 },
        { label: 'group update → shared screen p99', unit: 'ms', app: p3.result.screen.p99, ref: reference.screenUpdate.p99 },
        { label: 'burst submit ack p99', unit: 'ms', app: p4.result.acks.latency.p99, ref: reference.burstAck.p99 },
        { label: 'burst: update → other members p99', unit: 'ms', app: p4.result.members.p99, ref: reference.burstMembers.p99 },
        { label: 'burst: update → shared screen p99', unit: 'ms', app: p4.result.screen.p99, ref: reference.burstScreen.p99 },
        { label: 'reconnect → snapshot p99', unit: 'ms', app: p5.result.snapshot.p99, ref: reference.reconnect.p99 },
        { label: 'event-loop delay p99 (worst phase)', unit: 'ms', app: Math.max(...same.map((m) => m.loopP99Ms)), ref: refWorst((p) => p.loopP99Ms) },
        { label: 'event-loop delay max (worst phase)', unit: 'ms', app: Math.max(...same.map((m) => m.loopMaxMs)), ref: refWorst((p) => p.loopMaxMs) },
        { label: 'server CPU, these phases', unit: 's', app: same.reduce((t, m) => t + m.serverCpuS, 0), ref: reference.cpuS },
        { label: 'server RSS idle', unit: 'MB', app: baseline.rssBytes / MB, ref: reference.rssIdleMb },
        { label: 'server RSS peak', unit: 'MB', app: rssMb, ref: reference.rssPeakMb },
        { label: 'heap per connection after GC', unit: 'KB', app: heapPerConnKb, ref: reference.heapPerConnKb, digits: 2 },
        { label: 'disconnects not caused by the bench', unit: '', app: unexpectedDisconnects, ref: reference.disconnects, digits: 0 },
        ]),
      ]);
    } else addTable('App vs bare Socket.IO reference', [info('skipped', '--no-reference')]);
    for (const line of out) console.log(line);
    if (bundle.files.length) {
      console.log('\nParticipant page files (gzip -9):');
      for (const f of bundle.files) console.log(`  ${(f.gzipBytes / KB).toFixed(1).padStart(6)} KB  (${(f.bytes / KB).toFixed(1)} KB raw)  ${f.file}`);
    }
    if (profile) console.log(formatProfile(profile));
    if (profDir) console.log(`CPU profile kept in ${profDir}`);
    for (const [name, file] of Object.entries(pageProfiles)) {
      console.log(`\n${name} page in Chromium (main thread; an unminified build):`);
      console.log(formatProfile(summariseProfile(file, { top: 20, stallMs: 50 })));
      console.log(`  profile kept in ${file}`);
    }

    const cpus = os.cpus();
    const wallS = (clock() - startedAt) / 1000;
    const failed = verdicts.filter((v) => v.verdict === 'fail').map((v) => v.key);
    console.log('\nConditions');
    console.log(`  participants ${N} in ${S} session(s), groups of ${opts.groupSize}; ${joinedCount} joined`);
    console.log(`  machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? '?'}), ${fmt(os.totalmem() / 1024 ** 3, 1)} GB RAM, ${os.platform()} ${os.release()}`);
    console.log(`  Node ${process.version}; server: ${opts.target ? `already running at ${url} (--target), ${opts.target.nodes.length} node(s)` : `dist/server/index.js (the npm start build) in its own process, SQLite in ${os.tmpdir()}, --expose-gc${profDir ? ' --cpu-prof' : ''}`}`);
    console.log(`  clients: socket.io-client, transport websocket, 127.0.0.1, ${W} worker thread(s) in this process`);
    console.log(
      big
        ? `  budgets: the N = 5,000 set of issue 14 (2 cores, loopback)${N !== 5000 ? ` (this run: N = ${N})` : ''}`
        : `  budgets are set for 2 cores, loopback, N = 2,000${N !== 2000 ? ` (this run: N = ${N}, so read them as indications)` : ''}`,
    );
    if (reference) console.log(`  reference: scripts/reference-server.ts (bundled like the app, --expose-gc) in its own process after the app stopped, the same ${W} client thread(s)`);
    console.log(`  bench event-loop delay p99 (main thread) ${fmt(benchLoop.percentile(99) / 1e6)} ms; run took ${fmt(wallS, 1)} s`);
    console.log(`  machine load average (1 min) before the run ${fmt(loadBefore, 2)}, after ${fmt(os.loadavg()[0], 2)} (the bench itself adds ~2)`);
    console.log(failed.length ? `  budgets missed: ${failed.join('; ')}` : '  all budgets met');

    const r1 = (v: number | null | undefined) => round(v, 1);
    const r2 = (v: number | null | undefined) => round(v, 2);
    const summaryJson = (s: Summary) => ({ p50: r1(s.p50), p95: r1(s.p95), p99: r1(s.p99), max: r1(s.max), n: s.count });
    const phaseJson = (m: PhaseMetrics) => ({
      wall_s: r2(m.wallS),
      server_cpu_s: r2(m.serverCpuS),
      client_cpu_s: r2(m.clientCpuS),
      event_loop_p99_ms: r1(m.loopP99Ms),
      event_loop_max_ms: r1(m.loopMaxMs),
      rss_mb: r1(m.rssMb),
      msgs_per_participant_mean: r2(m.messages.mean),
      msgs_per_participant_max: m.messages.max,
      client_loop_p99_ms: r1(m.clientLoopP99Ms),
      screen_msgs: m.screenMessages,
      console_cpu_s: r2(m.mainThread.console.cpuS),
      console_busy_s: r2(m.mainThread.console.busyS),
      console_heap_mb: r1(m.mainThread.console.heapMb),
      screen_heap_mb: r1(m.mainThread.screen.heapMb),
      screen_cpu_s: r2(m.mainThread.screen.cpuS),
      screen_busy_s: r2(m.mainThread.screen.busyS),
      console_longtask_count: m.longTasks.console.length,
      console_longtask_max_ms: m.longTasks.console.length ? r1(Math.max(...m.longTasks.console)) : 0,
      screen_longtask_count: m.longTasks.screen.length,
      screen_longtask_max_ms: m.longTasks.screen.length ? r1(Math.max(...m.longTasks.screen)) : 0,
    });
    const json = {
      participants: N,
      sessions: S,
      joined: joinedCount,
      join_p50_ms: r1(joinAck.p50),
      join_p95_ms: r1(joinAck.p95),
      join_p99_ms: r1(joinAck.p99),
      join_connect_p99_ms: r1(joinConnect.p99),
      join_all_s: r2(joinAllS),
      join_failures: joinFailures.length,
      grouping_ms: r1(p1.result.groupingMs),
      broadcast_p50_ms: r1(p2.result.latencies.p50),
      broadcast_p95_ms: r1(p2.result.latencies.p95),
      broadcast_p99_ms: r1(p2.result.latencies.p99),
      broadcast_last_max_ms: r1(p2.result.last.max),
      broadcast_missed: p2.result.missed,
      group_update_p50_ms: r1(p3.result.members.p50),
      group_update_p95_ms: r1(p3.result.members.p95),
      group_update_p99_ms: r1(p3.result.members.p99),
      screen_update_p50_ms: r1(p3.result.screen.p50),
      screen_update_p95_ms: r1(p3.result.screen.p95),
      screen_update_p99_ms: r1(p3.result.screen.p99),
      group_updates_sent: p3.result.sends,
      group_update_lost: p3.result.lost,
      screen_update_lost: p3.result.screenMissing,
      burst_msgs_per_participant: burstMsgsMax,
      burst_msgs_per_participant_mean: r2(burstMsgsMean),
      burst_ack_p99_ms: r1(p4.result.acks.latency.p99),
      burst_group_update_p99_ms: r1(p4.result.members.p99),
      burst_screen_update_p99_ms: r1(p4.result.screen.p99),
      burst_refused: Object.values(p4.result.acks.refused).reduce((s, v) => s + v, 0) + p4.result.acks.timeouts,
      reconnect_dropped: p5.result.dropped,
      reconnect_p99_ms: r1(p5.result.snapshot.p99),
      reconnect_failures: p5.result.failures,
      event_loop_p99_ms: r1(eventLoopP99),
      event_loop_max_ms: r1(eventLoopMax),
      heap_per_conn_kb: r2(heapPerConnKb),
      rss_mb: r1(rssMb),
      export_process_rss_mb: r1((end.exportPeakRssBytes ?? 0) / MB),
      heap_end_mb: r1(end.heapUsedBytes / MB),
      rss_idle_mb: r1(baseline.rssBytes / MB),
      disconnects: unexpectedDisconnects,
      participant_js_gz_kb: r1(bundle.participantJsGzKb),
      participant_total_kb: r1(bundle.participantTotalGzKb),
      participant_js_br_kb: r1(bundle.participantJsBrKb),
      participant_after_join_js_gz_kb: r1(bundle.afterJoinJsGzKb),
      participant_total_br_kb: r1(bundle.participantTotalBrKb),
      server_cpu_s: r2(totalServerCpu),
      client_cpu_s: r2(totalClientCpu),
      console_longtask_count: browserSkipped ? null : consoleTasks.count,
      console_longtask_max_ms: r1(consoleTasks.max),
      console_longtask_p99_ms: r1(consoleTasks.p99),
      screen_longtask_count: browserSkipped ? null : screenTasks.count,
      screen_longtask_max_ms: r1(screenTasks.max),
      screen_longtask_p99_ms: r1(screenTasks.p99),
      answer_to_screen_p50_ms: r1(answerToScreen.p50),
      answer_to_screen_p99_ms: r1(answerToScreen.p99),
      export_docx_ms: r1(p3b.result.times.docx ?? null),
      export_xlsx_ms: r1(p3b.result.times.xlsx ?? null),
      export_csv_ms: r1(p3b.result.times.csv ?? null),
      export_html_ms: r1(p3b.result.times.html ?? null),
      export_md_ms: r1(p3b.result.times.md ?? null),
      export_event_loop_p99_ms: r1(p3b.m.loopP99Ms),
      export_event_loop_max_ms: r1(p3b.m.loopMaxMs),
      answer_to_screen_missing: browserSkipped ? null : domAll.reduce((s, d) => s + d.missing, 0),
      browser_skipped: browserSkipped,
      phases: {
        join: { ...phaseJson(p1.m), ack: summaryJson(joinAck) },
        facilitator: { ...phaseJson(p2.m), latency: summaryJson(p2.result.latencies) },
        group_work: { ...phaseJson(p3.m), members: summaryJson(p3.result.members), screen: summaryJson(p3.result.screen) },
        downloads: { ...phaseJson(p3b.m), ms: p3b.result.times, bytes: p3b.result.bytes },
        burst: { ...phaseJson(p4.m), ack: summaryJson(p4.result.acks.latency) },
        reconnect: { ...phaseJson(p5.m), snapshot: summaryJson(p5.result.snapshot) },
      },
      ...referenceJson(reference, p2.result.latencies.p99),
      budgets_missed: failed,
      conditions: {
        cores: cpus.length,
        cpu: cpus[0]?.model.trim() ?? null,
        node: process.version,
        transport: 'websocket',
        client_workers: W,
        group_size: opts.groupSize,
        group_seconds: opts.groupSeconds,
        quick: opts.quick,
        wall_s: r1(wallS),
        load_before: r2(loadBefore),
        load_after: r2(os.loadavg()[0]),
      },
      ...(profile ? { profile_top: profile.top.map((e) => ({ fn: e.name, where: e.where, self_ms: Math.round(e.selfMs), pct: r1(e.percent) })) } : {}),
    };
    console.log(JSON.stringify(json));
  } finally {
    await pages?.close();
    if (sampler) clearInterval(sampler);
    benchLoop.disable();
    for (const w of workers) {
      w.closing = true;
      await w.worker.terminate().catch(() => undefined);
    }
    for (const o of operators) o.socket.disconnect();
    if (server) {
      stopping = true;
      await server.stop().catch(() => undefined);
    }
    rmSync(dataDir, { recursive: true, force: true });

  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error('bench failed:', err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
