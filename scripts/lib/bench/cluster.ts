/**
 * `npm run bench -- --nodes 3 --sessions 20`: the bench's phases (join storm, facilitator
 * actions, group work, downloads, burst, reconnect storm) across N servers behind nginx on
 * one PostgreSQL database, side by side with the same run against ONE server behind the same
 * nginx on PostgreSQL (like with like: only the number of nodes differs), a ratio per
 * figure; then a failover phase on the cluster; then the verdict on issue 13's "the cluster
 * carries at least 80% of one node's participants within the same latency budgets".
 *
 * Group work lasts 20 s per run unless --group-seconds is given (the ladder's runs and the
 * failover phase take about 6 minutes at the default N = 2,000).
 *
 * Each configuration gets a fresh database (dropped afterwards) and runs scripts/bench.ts as
 * a child process with --target (scripts/lib/bench/target.ts): its clients go through nginx,
 * each session's facilitator and screen open it through one node's own path in turn (so the
 * sessions spread over the nodes), phones join through the default path and follow `moved`
 * to the owner. Server figures: CPU summed over the nodes, event loop and RSS the worst node's.
 * The console and screen pages are not opened (--no-pages): Chromium would take the cores
 * the nodes share, and what the pages do does not depend on the number of servers.
 *
 * Failover: N phones over S new sessions on the cluster write answers as in group work (each
 * phone one answer every ~5 s, so a group of 5 about one a second), each retried with its own
 * id until acknowledged, as the phone's outbox does; after 10 s the node owning most sessions
 * is killed (SIGKILL). Reported: the time until every phone of its sessions has its snapshot
 * again (p50/p99/max), and writes lost (acknowledged answers not in the database afterwards).
 *
 * The verdict compares the client-side latency budgets (join, actions, group updates, burst,
 * no failures) on a ladder of runs: both at N; when the cluster misses at N, one node steps
 * down by 20% a time (at most three steps) until it is within every budget, then the cluster
 * runs at 80% of that. "Carried" is the highest step within every latency budget, so the
 * answer has the ladder's resolution.
 * Without PostgreSQL or nginx it says so and returns (exit code 0).
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { nanoid } from 'nanoid';
import pg from 'pg';
import { apiToken, createSessionRequest } from '../accounts.ts';
import { clusterMissing, nodeUrls, owners, startCluster, stopCluster, storedAnswers, tallyAnswers, type Cluster } from '../cluster/harness.ts';
import { emit, joinPhone, openFacilitator, percentile, startWriters, waitBack, type ClientSocket, type Phone } from '../cluster/phones.ts';
import { fmt, round } from './stats.ts';

export interface ClusterBenchOptions {
  readonly nodes: number;
  readonly participants: number;
  readonly sessions: number;
  /** The bench's own arguments: passed on to each run (without --nodes and the page options). */
  readonly argv: readonly string[];
}

type BenchJson = Record<string, unknown>;

/** A figure of the side-by-side table: its key in the bench's JSON line, and its budget when it has one. */
interface Figure {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  readonly budget?: { readonly text: string; readonly ok: (v: number) => boolean };
  /** One of the client-side latency budgets the verdict is about. */
  readonly latency?: boolean;
}

const lt = (limit: number, unit: string) => ({ text: `< ${limit} ${unit}`.trim(), ok: (v: number) => v < limit });
const zero = { text: '= 0', ok: (v: number) => v === 0 };

const FIGURES: readonly Figure[] = [
  { key: 'joined', label: 'participants joined', unit: '' },
  { key: 'join_p99_ms', label: 'join ack p99 (with the hop to the owner)', unit: 'ms', budget: lt(250, 'ms'), latency: true },
  { key: 'join_all_s', label: 'all joined', unit: 's', budget: lt(5, 's'), latency: true },
  { key: 'join_failures', label: 'join failures', unit: '', budget: zero, latency: true },
  { key: 'broadcast_p99_ms', label: 'facilitator action → participant p99', unit: 'ms', budget: lt(100, 'ms'), latency: true },
  { key: 'group_update_p99_ms', label: 'group update → members p99', unit: 'ms', budget: lt(100, 'ms'), latency: true },
  { key: 'screen_update_p99_ms', label: 'group update → screen p99', unit: 'ms', budget: lt(100, 'ms'), latency: true },
  { key: 'burst_ack_p99_ms', label: 'burst: submit ack p99', unit: 'ms' },
  { key: 'burst_group_update_p99_ms', label: 'burst: update → members p99', unit: 'ms', budget: lt(100, 'ms'), latency: true },
  { key: 'burst_screen_update_p99_ms', label: 'burst: update → screen p99', unit: 'ms', budget: lt(100, 'ms'), latency: true },
  { key: 'reconnect_p99_ms', label: 'reconnect → snapshot p99', unit: 'ms' },
  { key: 'reconnect_failures', label: 'reconnect failures', unit: '', budget: zero, latency: true },
  { key: 'export_docx_ms', label: 'Word download during group work', unit: 'ms', budget: lt(2000, 'ms') },
  { key: 'export_xlsx_ms', label: 'Excel download during group work', unit: 'ms', budget: lt(2000, 'ms') },
  { key: 'event_loop_p99_ms', label: 'event-loop delay p99 (worst node, worst phase)', unit: 'ms', budget: lt(50, 'ms') },
  { key: 'rss_mb', label: 'peak RSS (largest node)', unit: 'MB', budget: lt(250, 'MB') },
  { key: 'server_cpu_s', label: 'server CPU (all nodes)', unit: 's' },
  { key: 'client_cpu_s', label: 'bench client CPU', unit: 's' },
  { key: 'disconnects', label: 'disconnects not caused by the bench', unit: '', budget: zero },
];

/** Group work per run unless --group-seconds says otherwise (the one-node bench: 60 s). */
const GROUP_SECONDS = 20;

const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const num = (j: BenchJson | null, key: string): number | null => (j && typeof j[key] === 'number' ? (j[key] as number) : null);

/** The latency budgets a run missed (a figure without a value counts as missed). */
function latencyMissed(j: BenchJson): string[] {
  return FIGURES.filter((f) => f.latency && f.budget).filter((f) => {
    const v = num(j, f.key);
    return v === null || !f.budget!.ok(v);
  }).map((f) => f.label);
}

/** The bench's arguments for one run: what the user gave, less what this file decides. */
function childArgs(argv: readonly string[], participants: number, c: Cluster): string[] {
  const dropWithValue = new Set(['--nodes', '--participants', '--target', '--target-nodes']);
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const name = a.split('=')[0]!;
    if (dropWithValue.has(name)) {
      if (!a.includes('=')) i++;
      continue;
    }
    if (name === '--no-pages' || name === '--no-reference' || name.startsWith('--page-')) continue;
    out.push(a);
  }
  const nodes = nodeUrls(c).map((n) => `${n.id}=${n.url}`).join(',');
  // Two or three full runs and a failover phase: 30 s of group work each unless told otherwise.
  const groupSeconds = out.some((a) => a.startsWith('--group-seconds') || a === '--quick') ? [] : ['--group-seconds', String(GROUP_SECONDS)];
  // The bare Socket.IO reference server (scripts/lib/bench/reference.ts) is the one-server bench's comparison, not this one's.
  return [...out, ...groupSeconds, '--participants', String(participants), '--no-pages', '--no-reference', '--target', c.url, '--target-nodes', nodes];
}

/** Runs scripts/bench.ts against the cluster, its output shown indented; its JSON line. */
function runBench(args: readonly string[], tag: string): Promise<BenchJson> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench.ts', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let last = '';
    let buffer = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('{')) last = line;
        else console.log(`  ${tag} ${line}`);
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (buffer.startsWith('{')) last = buffer;
      if (code !== 0) return reject(new Error(`the bench against ${tag} exited with ${code}`));
      try {
        resolve(JSON.parse(last) as BenchJson);
      } catch {
        reject(new Error(`the bench against ${tag} printed no JSON line`));
      }
    });
  });
}

interface Configuration {
  readonly json: BenchJson;
  readonly failover: Failover | null;
  /** Nodes that stopped by themselves during the run. */
  readonly crashed: string[];
}

async function runConfiguration(ids: readonly string[], participants: number, o: ClusterBenchOptions, withFailover: boolean): Promise<Configuration> {
  const tag = `[${ids.length} node${ids.length === 1 ? '' : 's'}, N=${participants}]`;
  log(`${tag} starting ${ids.length} node(s) and nginx on a fresh PostgreSQL database …`);
  const c = await startCluster({ nodeIds: ids, label: `bench${ids.length}n`, env: { METRICS: '1' }, nodeArgs: ['--expose-gc'] });
  try {
    const stopped = () => [...c.nodes].filter(([, n]) => n.child.exitCode !== null || n.child.signalCode !== null);
    const json = await runBench(childArgs(o.argv, participants, c), tag).catch((err: Error) => {
      const gone = stopped().map(([id, n]) => `node ${id} (exit code ${n.child.exitCode}, signal ${n.child.signalCode})`);
      throw new Error(`${err.message}${gone.length ? `; stopped by themselves: ${gone.join(', ')}` : '; every node still running'}`);
    });
    const crashed = stopped().map(([id]) => id);
    const failover = withFailover && crashed.length === 0 ? await runFailover(c, participants, o.sessions) : null;
    return { json, failover, crashed };
  } finally {
    await stopCluster(c);
  }
}

interface Failover {
  readonly phones: number;
  readonly victim: string;
  readonly victimSessions: number;
  readonly affected: number;
  readonly backS: number[];
  readonly notBack: number;
  readonly acknowledged: number;
  readonly lost: number;
  readonly duplicated: number;
}

async function runFailover(c: Cluster, participants: number, sessionCount: number): Promise<Failover> {
  const ids = [...c.nodes.keys()];
  log(`failover: ${participants} phones over ${sessionCount} new sessions on ${ids.length} nodes, writing as in group work …`);
  const db = new pg.Client({ connectionString: c.databaseUrl });
  await db.connect();
  const phones: Phone[] = [];
  const facilitators: ClientSocket[] = [];
  try {
    const token = await apiToken(c.url);
    const sessions: { sessionId: string; code: string; facilitatorSecret: string }[] = [];
    for (let i = 0; i < sessionCount; i++) sessions.push((await (await createSessionRequest(c.url, token)).json()) as (typeof sessions)[number]);
    for (const [i, s] of sessions.entries()) facilitators.push(await openFacilitator(c.url, s, `/n/${ids[i % ids.length]}/socket.io`));
    // 50 joins in flight, as the bench's join storm.
    let next = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < participants) {
          const i = next++;
          const profile = { role: i % 2 ? 'opdrachtnemer' : 'opdrachtgever', organisation: `Org ${i % 7}` };
          phones.push(await joinPhone(c.url, sessions[i % sessionCount]!, `P${i}`, 'websocket', profile));
        }
      }),
    );
    for (const f of facilitators) {
      const groups = await emit(f, 'groups:form', { opId: nanoid() }, 30_000);
      if (!groups?.ok) throw new Error(`grouping failed: ${JSON.stringify(groups)}`);
    }
    const writers = startWriters(phones, { topics: ['k1', 'k2', 'k3'], questions: ['q1', 'q2', 'q3'], pauseMs: [4000, 6000] });
    await new Promise((r) => setTimeout(r, 10_000));
    const owned = await owners(db);
    const live = new Set(sessions.map((s) => s.sessionId));
    const count = (id: string) => [...owned].filter(([s, n]) => n === id && live.has(s)).length;
    const victim = [...ids].sort((x, y) => count(y) - count(x))[0]!;
    const victimSessions = new Set([...owned].filter(([s, n]) => n === victim && live.has(s)).map(([s]) => s));
    const affected = phones.filter((p) => victimSessions.has(p.session));
    const killedAt = Date.now();
    await c.nodes.get(victim)!.kill();
    log(`failover: SIGKILL node ${victim} (owner of ${victimSessions.size} of ${sessionCount} sessions, ${affected.length} phones) after ${writers.acknowledged.size} acknowledged answers`);
    const backS = await waitBack(affected, killedAt, 45_000);
    const notBack = backS.filter((s) => !Number.isFinite(s)).length;
    log(`failover: phones back p50 ${fmt(percentile(backS, 50))} / p99 ${fmt(percentile(backS, 99))} / max ${fmt(backS.at(-1))} s${notBack ? `, ${notBack} not back within 45 s` : ''}`);
    // A few more seconds of writing on the new owners, then count.
    await new Promise((r) => setTimeout(r, 5000));
    await writers.stop();
    const tally = tallyAnswers(writers.acknowledged.keys(), await storedAnswers(db));
    log(`failover: acknowledged ${tally.acknowledged}, found ${tally.found}, lost ${tally.lost}, duplicated ${tally.duplicated}`);
    return { phones: phones.length, victim, victimSessions: victimSessions.size, affected: affected.length, backS, notBack, ...tally };
  } finally {
    for (const p of phones) p.socket.disconnect();
    for (const f of facilitators) f.disconnect();
    await db.end().catch(() => undefined);
  }
}

/** One bench run of the verdict's ladder. */
interface Step {
  readonly nodes: number;
  readonly participants: number;
  readonly config: Configuration;
  readonly missed: string[];
}

export async function runClusterBench(o: ClusterBenchOptions): Promise<void> {
  const missing = await clusterMissing();
  if (missing) {
    console.log(`bench --nodes ${o.nodes}: skipped: ${missing}. It needs PostgreSQL (TEST_DATABASE_URL) and nginx.`);
    return;
  }
  const started = Date.now();
  const loadBefore = os.loadavg()[0]!;
  const N = o.participants;
  const ids = Array.from({ length: o.nodes }, (_, i) => String.fromCharCode(97 + i));
  console.log(`Samenspraak cluster bench: ${N} participants in ${o.sessions} session(s), ${o.nodes} nodes against 1, both behind nginx on PostgreSQL`);

  const steps: Step[] = [];
  const run = async (nodes: number, participants: number, failover: boolean): Promise<Step> => {
    const config = await runConfiguration(nodes === 1 ? ['a'] : ids, participants, o, failover);
    const step = { nodes, participants, config, missed: latencyMissed(config.json) };
    steps.push(step);
    log(`[${nodes} node${nodes === 1 ? '' : 's'}, N=${participants}] latency budgets ${step.missed.length ? `missed: ${step.missed.join('; ')}` : 'all met'}`);
    return step;
  };
  // The verdict's ladder: both at N; when the cluster misses at N, one node steps down by 20% a
  // time (at most three steps) until it is within the budgets, and the cluster runs at 80% of
  // that (resolution: these steps).
  const single = await run(1, N, false);
  const cluster = await run(o.nodes, N, true);
  let verdict: 'met' | 'not met' | 'inconclusive';
  let why: string;
  let singleCarried: number | null = single.missed.length === 0 ? N : null;
  let clusterCarried: number | null = cluster.missed.length === 0 ? N : null;
  if (clusterCarried !== null) {
    verdict = 'met';
    why = singleCarried !== null
      ? `both carry ${N} within the budgets: the cluster carries at least as many as one node did here (one node's ceiling was not sought)`
      : `the cluster carries ${N} within the budgets, one node does not (it missed: ${single.missed.join('; ')})`;
  } else {
    for (let n = N, k = 0; singleCarried === null && k < 3; k++) {
      n = Math.ceil(0.8 * n);
      const lower = await run(1, n, false);
      if (lower.missed.length === 0) singleCarried = lower.participants;
    }
    if (singleCarried === null) {
      verdict = 'inconclusive';
      why = `one node carries none of ${steps.map((st) => st.participants).filter((n, i, all) => all.indexOf(n) === i).join(', ')} within the budgets here: run again with a smaller --participants (or on a quieter machine)`;
    } else {
      const need = Math.ceil(0.8 * singleCarried);
      const lower = await run(o.nodes, need, false);
      if (lower.missed.length === 0) clusterCarried = need;
      verdict = clusterCarried !== null ? 'met' : 'not met';
      why = `one node carries ${singleCarried}; the cluster misses at ${N} (${cluster.missed.join('; ')}) and ${clusterCarried !== null ? 'carries' : `misses at`} ${need} (80%)${clusterCarried !== null ? ' within the budgets' : ` (${lower.missed.join('; ')})`}`;
    }
  }

  // Like with like at N, whatever the ladder found: the budgets one node meets that the cluster misses.
  const worseAtN = cluster.missed.filter((m) => !single.missed.includes(m));

  /* ---------- side by side ---------- */
  const label = (f: Figure) => `${f.label}${f.unit ? ` (${f.unit})` : ''}`;
  const w = Math.max(...FIGURES.map((f) => label(f).length)) + 2;
  const cell = (j: BenchJson | null, f: Figure) => {
    const v = num(j, f.key);
    if (v === null) return '—'.padStart(13);
    const mark = f.budget ? (f.budget.ok(v) ? ' ✓' : ' ✗') : '  ';
    return `${fmt(v, f.unit === 's' ? 2 : 1)}${mark}`.padStart(13);
  };
  const ratio = (f: Figure) => {
    const a = num(single.config.json, f.key);
    const b = num(cluster.config.json, f.key);
    return a === null || b === null || a === 0 ? null : b / a;
  };
  const extra = steps.slice(2);
  const stepName = (st: Step) => `${st.nodes === 1 ? '1 node' : `${st.nodes} nodes`}@${st.participants}`;
  console.log(`\nCluster bench: ${N} participants, ${o.sessions} sessions (ratio = ${o.nodes} nodes / 1 node at N = ${N}; below 1 is faster or fewer)`);
  console.log(`  ${'figure'.padEnd(w)}${stepName(single).padStart(13)}${stepName(cluster).padStart(13)}${'ratio'.padStart(8)}${extra.map((st) => stepName(st).padStart(14)).join('')}   budget`);
  for (const f of FIGURES) {
    const r = ratio(f);
    console.log(`  ${label(f).padEnd(w)}${cell(single.config.json, f)}${cell(cluster.config.json, f)}${(r === null ? '—' : fmt(r, 2)).padStart(8)}${extra.map((st) => ` ${cell(st.config.json, f)}`).join('')}   ${f.budget?.text ?? ''}`);
  }
  const fo = cluster.config.failover;
  console.log(`\nFailover (${o.nodes} nodes): ${fo ? `${fo.phones} phones writing over ${o.sessions} sessions; SIGKILL node ${fo.victim} (owner of ${fo.victimSessions} sessions, ${fo.affected} phones)` : 'not run (a node stopped by itself during the bench)'}`);
  if (fo) {
    console.log(`  every phone of its sessions back (snapshot again): p50 ${fmt(percentile(fo.backS, 50))} s / p99 ${fmt(percentile(fo.backS, 99))} s / max ${fmt(fo.backS.at(-1))} s${fo.notBack ? ` — ${fo.notBack} not back within 45 s` : ''}   (budget < 15 s)`);
    console.log(`  writes: acknowledged ${fo.acknowledged}, lost ${fo.lost} ${fo.lost === 0 ? '✓' : '✗'} (must be 0), duplicated ${fo.duplicated}`);
  }
  const crashed = steps.flatMap((st) => st.config.crashed.map((id) => `${stepName(st)}: node ${id}`));
  if (crashed.length) console.log(`  nodes that stopped by themselves: ${crashed.join(', ')}`);
  console.log(`\nVerdict: "the cluster carries at least 80% of one node's participants within the same latency budgets": ${verdict.toUpperCase()}`);
  console.log(`  ${why}`);
  console.log(
    `  like with like at N = ${N}: ${worseAtN.length ? `the cluster misses ${worseAtN.length} budget(s) one node meets: ${worseAtN.join('; ')}` : 'the cluster is within every latency budget one node is within'}` +
      `${single.missed.length ? ` (both beyond: ${single.missed.filter((m) => cluster.missed.includes(m)).join('; ') || 'none'}; one node only: ${single.missed.filter((m) => !cluster.missed.includes(m)).join('; ') || 'none'})` : ''}`,
  );
  console.log(`  carried within the budgets (highest step met): one node ${singleCarried ?? '—'}, ${o.nodes} nodes ${clusterCarried ?? '—'}; steps run: ${steps.map(stepName).join(', ')}`);
  console.log(`  latency budgets compared: ${FIGURES.filter((f) => f.latency).map((f) => `${f.label} ${f.budget!.text}`).join('; ')}`);
  const wallS = (Date.now() - started) / 1000;
  const cpus = os.cpus();
  console.log(`\nConditions`);
  console.log(`  ${cpus.length} cores (${cpus[0]?.model.trim() ?? '?'}), Node ${process.version}; all nodes, nginx, PostgreSQL and the bench clients on this machine`);
  console.log(`  machine load average (1 min) before ${fmt(loadBefore, 2)}, after ${fmt(os.loadavg()[0], 2)}; run took ${fmt(wallS, 0)} s`);

  const json: Record<string, unknown> = { nodes: o.nodes, participants: N, sessions: o.sessions };
  for (const f of FIGURES) {
    json[`single_${f.key}`] = num(single.config.json, f.key);
    json[`cluster_${f.key}`] = num(cluster.config.json, f.key);
    json[`ratio_${f.key}`] = round(ratio(f), 3);
  }
  Object.assign(json, {
    single_budgets_missed: single.config.json.budgets_missed ?? null,
    cluster_budgets_missed: cluster.config.json.budgets_missed ?? null,
    single_latency_missed: single.missed,
    cluster_latency_missed: cluster.missed,
    steps: steps.map((st) => ({ nodes: st.nodes, participants: st.participants, latency_missed: st.missed, ...Object.fromEntries(FIGURES.map((f) => [f.key, num(st.config.json, f.key)])) })),
    cluster_worse_at_n: worseAtN,
    single_carried: singleCarried,
    cluster_carried: clusterCarried,
    failover_victim_sessions: fo?.victimSessions ?? null,
    failover_phones: fo?.affected ?? null,
    failover_p50_s: fo ? round(percentile(fo.backS, 50), 2) : null,
    failover_p99_s: fo ? round(percentile(fo.backS, 99), 2) : null,
    failover_max_s: fo ? round(fo.backS.at(-1), 2) : null,
    failover_not_back: fo?.notBack ?? null,
    failover_acknowledged: fo?.acknowledged ?? null,
    failover_lost: fo?.lost ?? null,
    failover_duplicated: fo?.duplicated ?? null,
    nodes_crashed: crashed,
    verdict_80pct: verdict,
    conditions: { cores: cpus.length, node: process.version, wall_s: round(wallS, 1), load_before: round(loadBefore, 2), load_after: round(os.loadavg()[0], 2) },
  });
  console.log(JSON.stringify(json));
}
