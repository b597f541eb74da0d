/**
 * `npm run test:cluster`: three servers behind nginx on one PostgreSQL database, and any one
 * of them may die mid-session. On loopback, with the production build:
 *
 *   1. 50 concurrent first connections to a new session, spread over the three nodes' paths,
 *      all end up at exactly one owner;
 *   2. about 500 phones over 10 sessions, half on WebSocket only and half on long polling only
 *      (through nginx: never "Session ID unknown"), keep adding answers, each retried with its
 *      own id until acknowledged, as the real outbox does;
 *   3. the node owning the most sessions is killed (SIGKILL) mid-burst: its sessions are
 *      claimed by the others, every phone is back within 15 s (failover p99 printed);
 *   4. another owner is paused (SIGSTOP) for 20 s while another node claims its sessions, then
 *      resumed (SIGCONT): its writes are refused by the fence, none stored;
 *   5. PostgreSQL restarts mid-session: the nodes recover;
 * then every acknowledged answer must be stored exactly once, and each session's commit
 * sequence has no gaps. Prints
 *   `acknowledged N, found N, lost 0, duplicated 0, stale writes 0, failover p99 X s`.
 *
 * Needs PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) and
 * nginx; without them it says so and passes, except under CI=true, where it fails.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { nanoid } from 'nanoid';
import pg from 'pg';
import { apiToken, createSessionRequest } from './lib/accounts.ts';
import { baseDatabaseUrl as baseUrl, clusterMissing, owners, startCluster, startNode, stopCluster, storedAnswers, tallyAnswers } from './lib/cluster/harness.ts';
import { emit, joinPhone, openFacilitator, percentile, proxySocket, proxyTrouble, sleep, startWriters, waitBack, within, type ClientSocket, type Phone } from './lib/cluster/phones.ts';

const SESSIONS = Number(process.env.CLUSTER_SESSIONS ?? 10);
const PER_SESSION = Number(process.env.CLUSTER_PER_SESSION ?? 50);
const NODE_IDS = ['a', 'b', 'c'] as const;
const TOPICS = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7'];
const QUESTIONS = ['q1', 'q2', 'q3'];
/** Heartbeats are every 2 s and a node silent for 10 s is dead (server/cluster/leases.ts). */
const FAILOVER_BUDGET_S = 15;

const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

function skip(reason: string): never {
  if (process.env.CI === 'true') {
    console.error(`test:cluster cannot run: ${reason}. Under CI=true it must.`);
    process.exit(1);
  }
  console.log(`test:cluster skipped: ${reason}.`);
  process.exit(0);
}

async function main(): Promise<void> {
  const started = Date.now();
  const missing = await clusterMissing();
  if (missing) skip(missing);
  const c = await startCluster({ nodeIds: NODE_IDS, label: 'cluster' });
  const db = new pg.Client({ connectionString: c.databaseUrl });
  // PostgreSQL restarts in step 5: this connection ends then.
  db.on('error', () => undefined);
  await db.connect();
  const phones: Phone[] = [];
  const operators: ClientSocket[] = [];
  let failed = false;
  const check = (ok: boolean, what: string) => {
    log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (!ok) failed = true;
  };
  try {
    log(`3 nodes and nginx at ${c.url}`);
    const token = await apiToken(c.url);
    const sessions: { sessionId: string; code: string; facilitatorSecret: string }[] = [];
    for (let i = 0; i <= SESSIONS; i++) sessions.push((await (await createSessionRequest(c.url, token)).json()) as (typeof sessions)[number]);
    const race = sessions.pop()!;

    // 1. 50 first connections at once, over the three nodes' own paths: one owner.
    const racers = Array.from({ length: 50 }, (_, i) =>
      proxySocket(c.url, 'websocket', { sessionId: race.sessionId, secret: race.facilitatorSecret, as: 'facilitator' }, `/n/${NODE_IDS[i % 3]}/socket.io`),
    );
    await within(15_000, 'the 50 first connections get their snapshot', Promise.all(racers.map((s) => new Promise((r) => s.once('operator:snapshot', r)))));
    const landed = new Set(racers.map((s) => s.io.opts.path));
    check(landed.size === 1, `50 concurrent first connections over 3 nodes: ${landed.size} owner(s) (${[...landed].join(', ')})`);
    for (const s of racers) s.disconnect();

    // 2. Facilitators form groups as phones join; phones on both transports.
    // Each facilitator opens its session through one node's own path, so the sessions spread
    // over the nodes (through the default path every client on one address reaches one node).
    for (const [i, s] of sessions.entries()) operators.push(await openFacilitator(c.url, s, `/n/${NODE_IDS[i % 3]}/socket.io`));
    for (const [si, s] of sessions.entries()) {
      await Promise.all(
        Array.from({ length: PER_SESSION }, async (_, i) => {
          const profile = { role: i % 2 ? 'opdrachtnemer' : 'opdrachtgever', organisation: `Org ${i % 7}` };
          phones.push(await joinPhone(c.url, s, `P${si}-${i}`, i % 2 ? 'polling' : 'websocket', profile));
        }),
      );
      const f = operators[si]!;
      const groups = await emit(f, 'groups:form', { opId: nanoid() }, 10_000);
      if (!groups?.ok) throw new Error(`grouping failed: ${JSON.stringify(groups)}`);
    }
    log(`${phones.length} phones joined ${sessions.length} sessions (half WebSocket, half long polling)`);

    // The writers: each answer retried with its own id until acknowledged.
    const writers = startWriters(phones, { topics: TOPICS, questions: QUESTIONS, pauseMs: [500, 1500] });
    const acknowledged = writers.acknowledged;

    // 3. SIGKILL the node with the most sessions, mid-burst.
    await sleep(6000);
    const owned = await owners(db);
    const count = (id: string) => [...owned.values()].filter((n) => n === id).length;
    const victim = [...NODE_IDS].sort((x, y) => count(y) - count(x))[0]!;
    // The sessions with devices in them (the race's session has none left).
    const live = new Set(sessions.map((s) => s.sessionId));
    const victimSessions = new Set([...owned].filter(([s, n]) => n === victim && live.has(s)).map(([s]) => s));
    const killedAt = Date.now();
    await c.nodes.get(victim)!.kill();
    log(`SIGKILL node ${victim} (owner of ${victimSessions.size} sessions) after ${acknowledged.size} acknowledged answers`);
    const affected = phones.filter((p) => victimSessions.has(p.session));
    const failoverP99 = percentile(await waitBack(affected, killedAt, 40_000), 99);
    check(failoverP99 < FAILOVER_BUDGET_S, `every phone of node ${victim}'s sessions back: failover p99 ${failoverP99.toFixed(1)} s (budget < ${FAILOVER_BUDGET_S} s, ${affected.length} phones)`);
    const newOwners = await owners(db);
    check([...victimSessions].every((s) => newOwners.get(s) !== victim), `node ${victim}'s sessions are owned by the others now`);
    // The killed node comes back (empty): it may own sessions again later.
    c.nodes.set(victim, await startNode(c, victim));

    // 4. SIGSTOP another owner for 20 s; its sessions are claimed meanwhile; SIGCONT: its writes are fenced.
    const owned2 = new Map([...(await owners(db))].filter(([s]) => live.has(s)));
    const paused = [...NODE_IDS].filter((id) => id !== victim).sort((x, y) => [...owned2.values()].filter((n) => n === y).length - [...owned2.values()].filter((n) => n === x).length)[0]!;
    const pausedSessions = [...owned2].filter(([, n]) => n === paused).map(([s]) => s);
    let staleSent = 0;
    c.nodes.get(paused)!.child.kill('SIGSTOP');
    const pausedAt = Date.now();
    log(`SIGSTOP node ${paused} (owner of ${pausedSessions.length} sessions)`);
    // Its phones hang on its stalled connections; a screen opened elsewhere claims each session once the node counts as dead.
    await sleep(12_000);
    const claimers = pausedSessions.map((sid) => {
      const s = sessions.find((x) => x.sessionId === sid)!;
      return proxySocket(c.url, 'websocket', { sessionId: s.sessionId, secret: s.facilitatorSecret, as: 'facilitator' }, `/n/${NODE_IDS.find((id) => id !== paused && id !== victim) ?? victim}/socket.io`);
    });
    await within(20_000, `the paused node's sessions are claimed elsewhere`, Promise.all(claimers.map((s) => new Promise((r) => s.once('operator:snapshot', r)))));
    const owned3 = await owners(db);
    check(pausedSessions.every((s) => owned3.get(s) !== paused), `while node ${paused} is paused its ${pausedSessions.length} sessions are claimed by the others`);
    await sleep(Math.max(0, 20_000 - (Date.now() - pausedAt)));
    // Commits stored for its sessions after the claim, then its resumption: any from the paused node would be stale.
    const before = await db.query<{ n: string }>('SELECT COUNT(*) AS n FROM commits WHERE session_id = ANY($1)', [pausedSessions]);
    c.nodes.get(paused)!.child.kill('SIGCONT');
    log(`SIGCONT node ${paused}`);
    // A phone still on the paused node's connection writes right away: refused by the fence.
    const staleIds: string[] = [];
    const stuck = phones.filter((p) => pausedSessions.includes(p.session) && p.socket.connected).slice(0, 20);
    await Promise.all(
      stuck.map(async (p) => {
        const answerId = `stale-${nanoid()}`;
        staleIds.push(answerId);
        staleSent++;
        await emit(p.socket, 'answer:add', { answerId, topicId: 'k1', questionId: 'q1', text: 'van een gepauzeerde server' }, 3000);
      }),
    );
    await sleep(3000);
    for (const s of claimers) s.disconnect();
    log(`paused node's phones sent ${staleSent} answers right after SIGCONT (${Number(before.rows[0]!.n)} commits of its sessions before); checked at the end`);

    // 5. PostgreSQL restarts mid-session.
    const restarted = restartPostgres();
    log(restarted ? 'PostgreSQL restarted' : 'PostgreSQL not restarted (pg_ctlcluster unavailable here): step 5 skipped');
    const ackedAtRestart = acknowledged.size;
    if (restarted) await db.end().catch(() => undefined);
    await sleep(9000);
    if (restarted) check(acknowledged.size > ackedAtRestart, `after PostgreSQL's restart the nodes take answers again (${acknowledged.size - ackedAtRestart} acknowledged since)`);
    await writers.stop();
    let verify = new pg.Client({ connectionString: c.databaseUrl });
    for (let i = 0; ; i++) {
      try {
        verify = new pg.Client({ connectionString: c.databaseUrl });
        verify.on('error', () => undefined);
        await verify.connect();
        break;
      } catch (err) {
        if (i > 50) throw err;
        await sleep(200);
      }
    }

    // Every acknowledged answer exactly once; no gaps in any session's commits.
    const stored = await storedAnswers(verify);
    const { found, lost, duplicated } = tallyAnswers(acknowledged.keys(), stored);
    const staleWrites = staleIds.filter((id) => (stored.get(id) ?? 0) > 0 && !acknowledged.has(id)).length;
    const gaps = await verify.query<{ session_id: string }>(
      `SELECT session_id FROM commits GROUP BY session_id HAVING MAX(seq) <> COUNT(*)`,
    );
    await verify.end();
    check(gaps.rows.length === 0, `commit sequences without gaps (${gaps.rows.length} sessions with a gap)`);
    const crashed = [...c.nodes].filter(([, n]) => n.child.exitCode !== null || n.child.signalCode !== null).map(([id]) => id);
    check(crashed.length === 0, `no node stopped by itself (${crashed.join(', ') || 'none'})`);
    check(proxyTrouble.sessionIdUnknown === 0, `long polling through nginx: "Session ID unknown" ${proxyTrouble.sessionIdUnknown} times`);
    console.log(
      `conditions: 3 nodes behind nginx, PostgreSQL, ${phones.length} phones over ${sessions.length} sessions (half WebSocket, half long polling), node ${process.version}, ${os.cpus().length} cores, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    console.log(`acknowledged ${acknowledged.size}, found ${found}, lost ${lost}, duplicated ${duplicated}, stale writes ${staleWrites}, failover p99 ${failoverP99.toFixed(1)} s`);
    if (lost > 0 || duplicated > 0 || staleWrites > 0 || acknowledged.size === 0) failed = true;
  } finally {
    for (const p of phones) p.socket.disconnect();
    for (const s of operators) s.disconnect();
    await db.end().catch(() => undefined);
    await stopCluster(c);
  }
  if (failed) process.exitCode = 1;
}

/** Restarts the local PostgreSQL cluster (Debian's pg_ctlcluster); false when that is not possible here. */
function restartPostgres(): boolean {
  const host = new URL(baseUrl).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host) || !existsSync('/etc/postgresql')) return false;
  const versions = spawnSync('ls', ['/etc/postgresql'], { encoding: 'utf8' }).stdout.trim().split('\n');
  const version = versions[0];
  if (!version) return false;
  const result = spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'restart'], { stdio: 'inherit' });
  return result.status === 0;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
