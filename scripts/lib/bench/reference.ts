/**
 * The bare Socket.IO reference of `npm run bench` (issue 14): starts scripts/reference-server.ts
 * as its own process (bundled by esbuild with the app's server flags, --expose-gc) and drives it
 * with the same client worker threads (scripts/lib/bench/worker.ts, unchanged) and the same
 * phase code (phases.ts) as the app: the join storm and groups of 5, the facilitator actions
 * that reach everyone, group work, the burst and the reconnect storm. Its CPU, RSS, heap and
 * event loop are read from its /internal/metrics, the same shape the app serves.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { DomainEvent } from '../../../shared/domain/events.ts';
import type { Ack } from '../../../shared/protocol/ack.ts';
import { freePort } from '../serverProcess.ts';
import { allWorkers, ClientWorker, die, guard } from './clientWorker.ts';
import type { JoinSample, ParticipantSpec } from './messages.ts';
import { facilitatorActions, mergeAcks, paceActions, updateFigures } from './phases.ts';
import { clock, fmt, round, summarise, verdict, type Budget, type Row, type Summary } from './stats.ts';

type LooseSocket = Socket & { timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<Ack<unknown>> } };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const MB = 1024 * 1024;

export interface ReferenceOptions {
  readonly root: string;
  readonly participants: number;
  readonly sessions: number;
  readonly groupSize: number;
  readonly groupSeconds: number;
  readonly workers: number;
  readonly rounds: number;
  readonly joinInFlight: number;
  /** The same participants as the app's run, given each session's join code. */
  readonly specs: (codes: readonly string[]) => ParticipantSpec[];
  /**
   * With the pages: the app's console and screen stay open, and at each of the reference's
   * facilitator actions the app's facilitator makes the same kind of move (the app has no phones
   * left), so those pages redraw on the same cores at the same moments as in the app's run. The
   * broadcast ratio then compares like with like.
   */
  readonly pagesAlongside?: (k: number) => void;
}

export interface ReferencePhase {
  readonly name: string;
  readonly wallS: number;
  readonly serverCpuS: number;
  readonly loopP99Ms: number;
  readonly loopMaxMs: number;
  readonly rssMb: number;
  readonly clientLoopP99Ms: number;
  readonly messagesMean: number | null;
}

export interface ReferenceResult {
  readonly pid: number;
  readonly joined: number;
  readonly joinAck: Summary;
  readonly joinAllS: number | null;
  readonly joinFailures: number;
  readonly groupingMs: number;
  readonly broadcast: Summary;
  readonly broadcastMissed: number;
  readonly groupUpdate: Summary;
  readonly screenUpdate: Summary;
  readonly groupUpdateLost: number;
  readonly burstAck: Summary;
  readonly burstMembers: Summary;
  readonly burstScreen: Summary;
  readonly burstRefused: number;
  readonly reconnect: Summary;
  readonly reconnectFailures: number;
  readonly phases: readonly ReferencePhase[];
  readonly rssPeakMb: number;
  readonly rssIdleMb: number;
  readonly heapPerConnKb: number | null;
  readonly disconnects: number;
  readonly cpuS: number;
}

interface Metrics {
  eventLoop: { p99Ms: number; maxMs: number };
  heapUsedBytes: number;
  rssBytes: number;
  cpuUserMicros: number;
  cpuSystemMicros: number;
  connections: number;
}

/** Bundles scripts/reference-server.ts as `npm run build:server` bundles the app (dist/reference/). */
function buildReference(root: string): string {
  const out = path.join(root, 'dist', 'reference', 'reference-server.js');
  const res = spawnSync(
    path.join(root, 'node_modules', '.bin', 'esbuild'),
    [path.join(root, 'scripts', 'reference-server.ts'), '--bundle', '--platform=node', '--format=esm', '--packages=external', '--target=node20', '--sourcemap', '--log-level=warning', `--outfile=${out}`],
    { stdio: 'inherit' },
  );
  if (res.status !== 0) throw new Error('building the reference server failed');
  return out;
}

export async function runReference(opts: ReferenceOptions): Promise<ReferenceResult> {
  const entry = buildReference(opts.root);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--expose-gc', '--enable-source-maps', entry], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code, signal) => {
    if (!stopping) die(new Error(`the reference server exited during the bench (code ${code}, signal ${signal})`));
  });
  const workers: ClientWorker[] = [];
  const sockets: Socket[] = [];
  let sampler: NodeJS.Timeout | null = null;
  try {
    for (let ready = false, deadline = Date.now() + 30_000; !ready; ) {
      ready = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      if (!ready && Date.now() > deadline) throw new Error('the reference server did not become ready within 30 s');
      if (!ready) await sleep(50);
    }
    const metrics = async (gc = false): Promise<Metrics> => (await guard(fetch(`${url}/internal/metrics${gc ? '?gc=1' : ''}`))).json() as Promise<Metrics>;
    let rssPeak = 0;
    sampler = setInterval(() => {
      fetch(`${url}/internal/metrics`)
        .then((r) => r.json() as Promise<Metrics>)
        .then((m) => (rssPeak = Math.max(rssPeak, m.rssBytes)))
        .catch(() => undefined);
    }, 500);

    /* ---------- sessions, facilitators and screens ---------- */
    const S = opts.sessions;
    const sessions: { sessionId: string; code: string }[] = [];
    for (let s = 0; s < S; s++) sessions.push((await (await guard(fetch(`${url}/api/sessions`, { method: 'POST' }))).json()) as (typeof sessions)[number]);
    const screenReceipts = new Map<number, number>();
    const TAG = /^#s(\d+)#/;
    let operatorDisconnects = 0;
    const connectOperator = async (session: number, as: 'facilitator' | 'screen') => {
      const socket = io(url, { transports: ['websocket'], forceNew: true, auth: { sessionId: sessions[session]!.sessionId, secret: 'x', as } });
      sockets.push(socket);
      const snap = new Promise<{ state: { stepIndex: number; content: { topics: { id: string }[]; questions: { id: string }[] }; agenda: { payload: { topicId: string } }[] } }>(
        (resolve) => socket.once('operator:snapshot', resolve),
      );
      socket.on('operator:events', (events: readonly DomainEvent[]) => {
        if (as !== 'screen') return;
        const t = clock();
        for (const e of events) {
          const m = e.type === 'answer.added' ? TAG.exec(e.answer.text) : e.type === 'answer.edited' ? TAG.exec(e.text) : null;
          if (m && !screenReceipts.has(Number(m[1]))) screenReceipts.set(Number(m[1]), t);
        }
      });
      socket.on('disconnect', (reason) => {
        if (reason !== 'io client disconnect') operatorDisconnects++;
      });
      const ask = async (event: string, payload: unknown) => {
        const t0 = clock();
        const ack = await guard((socket as LooseSocket).timeout(30_000).emitWithAck(event, payload));
        return { ack, ms: clock() - t0 };
      };
      return { session, ask, snapshot: await guard(Promise.race([snap, sleep(15_000).then(() => Promise.reject(new Error(`reference ${as} got no snapshot`)))])) };
    };
    const facilitators: Awaited<ReturnType<typeof connectOperator>>[] = [];
    for (let s = 0; s < S; s++) {
      facilitators.push(await connectOperator(s, 'facilitator'));
      await connectOperator(s, 'screen');
    }
    const content = facilitators[0]!.snapshot.state;
    const topics = content.content.topics.map((t) => t.id);
    const questions = content.content.questions.map((q) => q.id);
    const topicSteps = topics.map((id) => content.agenda.findIndex((a) => a.payload.topicId === id));

    /* ---------- client workers: the same participants as the app's run ---------- */
    const specs = opts.specs(sessions.map((s) => s.code));
    const W = Math.min(opts.workers, specs.length);
    const workerEntry = new URL('./worker.ts', import.meta.url).href;
    for (let w = 0; w < W; w++) workers.push(new ClientWorker(w, { entry: workerEntry, workerId: w + 1, url, participants: specs.filter((p) => p.idx % W === w) }));
    await Promise.all(workers.map((w) => w.next('ready')));
    const baseline = await metrics(true);

    const phases: ReferencePhase[] = [];
    const phase = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
      await guard(fetch(`${url}/internal/metrics/reset`, { method: 'POST' }));
      for (const w of workers) w.send({ type: 'resetCounts' });
      const s0 = await metrics();
      const t0 = clock();
      const result = await fn();
      const wallS = (clock() - t0) / 1000;
      const s1 = await metrics();
      const counts = await allWorkers(workers, { type: 'counts' }, 'counts');
      rssPeak = Math.max(rssPeak, s1.rssBytes);
      phases.push({
        name,
        wallS,
        serverCpuS: (s1.cpuUserMicros + s1.cpuSystemMicros - s0.cpuUserMicros - s0.cpuSystemMicros) / 1e6,
        loopP99Ms: s1.eventLoop.p99Ms,
        loopMaxMs: s1.eventLoop.maxMs,
        rssMb: s1.rssBytes / MB,
        clientLoopP99Ms: Math.max(...counts.map((c) => c.loopP99Ms)),
        messagesMean: summarise(counts.flatMap((c) => c.messages)).mean,
      });
      return result;
    };

    /* ---------- join storm and groups ---------- */
    const p1 = await phase('join', async () => {
      const joined = await allWorkers(
        workers,
        (w) => ({ type: 'join', concurrency: Math.floor(opts.joinInFlight / W) + (w.id < opts.joinInFlight % W ? 1 : 0), timeoutMs: 15_000 }),
        'joined',
      );
      const samples: JoinSample[] = joined.flatMap((j) => j.samples);
      const groupStart = clock();
      const formed = await Promise.all(facilitators.map((f) => f.ask('groups:form', { opId: 'form-groups', targetSize: opts.groupSize })));
      if (formed.some((a) => !a.ack.ok)) throw new Error(`reference groups:form refused: ${JSON.stringify(formed.map((a) => a.ack))}`);
      const members = (await allWorkers(workers, { type: 'awaitGroups', timeoutMs: 30_000 }, 'groups')).flatMap((g) => g.members);
      return { samples, members, groupingMs: Math.max(groupStart, ...members.map((m) => m.at ?? groupStart)) - groupStart };
    });
    const joinedCount = p1.samples.filter((s) => s.ok).length;
    const afterJoin = await metrics(true);
    const groupOf = new Map<number, string>();
    const groupSize = new Map<string, number>();
    for (const m of p1.members) {
      if (!m.groupId) continue;
      groupOf.set(m.idx, m.groupId);
      groupSize.set(m.groupId, (groupSize.get(m.groupId) ?? 0) + 1);
    }

    /* ---------- facilitator actions ---------- */
    const planned = paceActions(opts.rounds, topicSteps, content.stepIndex);
    const p2 = await phase('facilitator', () =>
      facilitatorActions(workers, facilitators, planned.actions, { sessions: S, sessionOf: (idx) => idx % S, joined: joinedCount, alongside: opts.pagesAlongside }),
    );
    const topicId = topics[topicSteps.indexOf(planned.stepIndex)] ?? topics[0]!;

    /* ---------- group work ---------- */
    const p3 = await phase('group work', async () => {
      screenReceipts.clear();
      const done = await allWorkers(
        workers,
        { type: 'groupWork', startAt: clock() + 500, durationMs: opts.groupSeconds * 1000, topicId, questionIds: questions, ratingEvery: 10 },
        'groupWorkDone',
      );
      await sleep(1500);
      const updates = await allWorkers(workers, { type: 'collectUpdates' }, 'updates');
      return { ...updateFigures(updates, groupOf, groupSize, screenReceipts), acks: mergeAcks(done.map((d) => d.acks)) };
    });

    /* ---------- burst ---------- */
    const p4 = await phase('burst', async () => {
      screenReceipts.clear();
      const done = await allWorkers(workers, { type: 'burst', startAt: clock() + 500, spreadMs: 1000, topicId, questionId: questions[0]! }, 'burstDone');
      await sleep(1000);
      const updates = await allWorkers(workers, { type: 'collectUpdates' }, 'updates');
      return { ...updateFigures(updates, groupOf, groupSize, screenReceipts), acks: mergeAcks(done.map((d) => d.acks)) };
    });

    /* ---------- reconnect storm ---------- */
    const p5 = await phase('reconnect', async () => {
      const res = await allWorkers(workers, { type: 'reconnect', fraction: 0.2, windowMs: 5000, timeoutMs: 15_000 }, 'reconnected');
      await sleep(1000);
      return { failures: res.reduce((s, r) => s + r.failures, 0), snapshot: summarise(res.flatMap((r) => r.samples)) };
    });

    const stats = await allWorkers(workers, { type: 'stats' }, 'stats');
    const end = await metrics();
    rssPeak = Math.max(rssPeak, end.rssBytes);
    await allWorkers(workers, { type: 'close' }, 'closed');

    const starts = p1.samples.map((s) => s.startAt);
    const ends = p1.samples.map((s) => s.endAt);
    return {
      pid: child.pid ?? 0,
      joined: joinedCount,
      joinAck: summarise(p1.samples.flatMap((s) => (s.ackMs === null ? [] : [s.ackMs]))),
      joinAllS: p1.samples.length ? (Math.max(...ends) - Math.min(...starts)) / 1000 : null,
      joinFailures: p1.samples.length - joinedCount,
      groupingMs: p1.groupingMs,
      broadcast: p2.latencies,
      broadcastMissed: p2.missed,
      groupUpdate: p3.members,
      screenUpdate: p3.screen,
      groupUpdateLost: p3.lost,
      burstAck: p4.acks.latency,
      burstMembers: p4.members,
      burstScreen: p4.screen,
      burstRefused: Object.values(p4.acks.refused).reduce((s, v) => s + v, 0) + p4.acks.timeouts,
      reconnect: p5.snapshot,
      reconnectFailures: p5.failures,
      phases,
      rssPeakMb: rssPeak / MB,
      rssIdleMb: baseline.rssBytes / MB,
      heapPerConnKb: joinedCount ? (afterJoin.heapUsedBytes - baseline.heapUsedBytes) / joinedCount / 1024 : null,
      disconnects: stats.reduce((s, x) => s + x.unexpectedDisconnects, 0) + operatorDisconnects,
      cpuS: phases.reduce((s, p) => s + p.serverCpuS, 0),
    };
  } finally {
    if (sampler) clearInterval(sampler);
    for (const w of workers) {
      w.closing = true;
      await w.worker.terminate().catch(() => undefined);
    }
    for (const s of sockets) s.disconnect();
    stopping = true;
    child.kill('SIGTERM');
    await exited;
  }
}

/* ------------------------------------------------------------------ report */

/** One figure of the app next to the reference's. */
export interface Comparison {
  readonly label: string;
  readonly unit: string;
  readonly app: number | null;
  readonly ref: number | null;
  readonly digits?: number;
  /** A budget on app / reference. */
  readonly ratioBudget?: Budget;
}

export const ratio = (app: number | null, ref: number | null): number | null => (app === null || ref === null || ref <= 0 ? null : app / ref);

/** Rows for the bench's table(): app, reference and app / reference; a ratio budget gets its ✓/✗. */
export function comparisonRows(list: readonly Comparison[]): Row[] {
  return list.map((c) => {
    const d = c.digits ?? 1;
    const r = ratio(c.app, c.ref);
    const value = `app ${fmt(c.app, d).padStart(7)}   reference ${fmt(c.ref, d).padStart(7)} ${c.unit.padEnd(3)}   app/reference ${r === null ? '—' : `${fmt(r, 2)}×`}`;
    return c.ratioBudget ? { label: c.label, value, budget: `app/reference ${c.ratioBudget.text}`, verdict: verdict(r, c.ratioBudget) } : { label: c.label, value };
  });
}

/** The reference's figures for the bench's JSON line (all null when it did not run). */
export function referenceJson(ref: ReferenceResult | null, appBroadcastP99: number | null) {
  const worst = (pick: (p: ReferencePhase) => number) => (ref ? Math.max(...ref.phases.map(pick)) : null);
  return {
    reference_join_p99_ms: round(ref?.joinAck.p99),
    reference_join_all_s: round(ref?.joinAllS, 2),
    reference_grouping_ms: round(ref?.groupingMs),
    reference_broadcast_p50_ms: round(ref?.broadcast.p50),
    reference_broadcast_p99_ms: round(ref?.broadcast.p99),
    broadcast_vs_reference: round(ratio(appBroadcastP99, ref?.broadcast.p99 ?? null), 2),
    reference_group_update_p99_ms: round(ref?.groupUpdate.p99),
    reference_screen_update_p99_ms: round(ref?.screenUpdate.p99),
    reference_burst_p99_ms: round(ref?.burstAck.p99),
    reference_burst_group_update_p99_ms: round(ref?.burstMembers.p99),
    reference_burst_screen_update_p99_ms: round(ref?.burstScreen.p99),
    reference_reconnect_p99_ms: round(ref?.reconnect.p99),
    reference_event_loop_p99_ms: round(worst((p) => p.loopP99Ms)),
    reference_event_loop_max_ms: round(worst((p) => p.loopMaxMs)),
    reference_rss_mb: round(ref?.rssPeakMb),
    reference_rss_idle_mb: round(ref?.rssIdleMb),
    reference_heap_per_conn_kb: round(ref?.heapPerConnKb, 2),
    reference_cpu_s: round(ref?.cpuS, 2),
    reference_joined: ref?.joined ?? null,
    reference_disconnects: ref?.disconnects ?? null,
    reference_phases: ref
      ? Object.fromEntries(
          ref.phases.map((p) => [
            p.name.replace(' ', '_'),
            { wall_s: round(p.wallS, 2), server_cpu_s: round(p.serverCpuS, 2), event_loop_p99_ms: round(p.loopP99Ms), event_loop_max_ms: round(p.loopMaxMs), rss_mb: round(p.rssMb), client_loop_p99_ms: round(p.clientLoopP99Ms), msgs_per_participant_mean: round(p.messagesMean, 2) },
          ]),
        )
      : null,
  };
}
