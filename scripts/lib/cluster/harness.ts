/**
 * Several production servers behind a private nginx on one fresh PostgreSQL database, on
 * loopback: what `npm run test:cluster` and `npm run bench -- --nodes N` run against.
 *
 * PostgreSQL: TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test; each
 * cluster gets a database of its own, dropped by stopCluster.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { nginxConfig } from './nginx.ts';
import { buildServer, freePort, startServerProcess, type ServerProcess } from '../serverProcess.ts';

export const baseDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function nginxBinary(): string | null {
  return ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p)) ?? null;
}

/** Null when PostgreSQL and nginx are there; else why a cluster cannot run here. */
export async function clusterMissing(): Promise<string | null> {
  const client = new pg.Client({ connectionString: baseDatabaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (err) {
    return `no PostgreSQL at ${baseDatabaseUrl} (${err instanceof Error ? err.message : String(err)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
  return nginxBinary() ? null : 'no nginx (apt-get install nginx)';
}

export interface ClusterOptions {
  readonly nodeIds: readonly string[];
  /** Names the database (samenspraak_<label>_<pid>) so two clusters of one run do not meet. */
  readonly label: string;
  /** More environment for every node (e.g. METRICS=1). */
  readonly env?: Record<string, string>;
  readonly nodeArgs?: readonly string[];
}

export interface Cluster {
  readonly nodes: Map<string, ServerProcess>;
  readonly nginx: ChildProcess;
  /** nginx's address: what clients use. */
  readonly url: string;
  readonly databaseUrl: string;
  readonly dbName: string;
  readonly dataDir: string;
  readonly runDir: string;
  /** Each node's port (a killed node comes back on it). */
  readonly ports: Map<string, number>;
  readonly options: ClusterOptions;
}

/** Creates the database, builds the server, starts the nodes (one after another) and nginx in front. */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const admin = new pg.Client({ connectionString: baseDatabaseUrl });
  await admin.connect();
  const dbName = `samenspraak_${options.label}_${process.pid}`;
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const u = new URL(baseDatabaseUrl);
  u.pathname = `/${dbName}`;
  const databaseUrl = u.toString();

  const nginxBin = nginxBinary();
  if (!nginxBin) throw new Error('no nginx');

  buildServer();
  // A data directory per node (dataDir/<id>), as on separate machines: the link and device keys
  // they must share come from the database (server/cluster/sharedKeys.ts), so a phone that fails
  // over to another node is still known there.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'samenspraak-cluster-'));
  const ports = new Map<string, number>();
  for (const id of options.nodeIds) ports.set(id, await freePort());
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'samenspraak-nginx-'));
  const partial = { nodes: new Map<string, ServerProcess>(), databaseUrl, dataDir, ports, options };
  // The first alone: it makes the scripts' account; then the others.
  for (const id of options.nodeIds) partial.nodes.set(id, await startNode(partial, id));

  for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(runDir, d));
  const listen = await freePort();
  const conf = path.join(runDir, 'nginx.conf');
  writeFileSync(conf, nginxConfig({ listen: `127.0.0.1:${listen}`, nodes: options.nodeIds.map((id) => ({ id, address: `127.0.0.1:${ports.get(id)}` })), runDir }));
  const nginx = spawn(nginxBin, ['-p', runDir, '-c', conf], { stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${listen}`;
  for (let i = 0; ; i++) {
    if ((await fetch(`${url}/readyz`).catch(() => null))?.ok) break;
    if (i > 100 || nginx.exitCode !== null) throw new Error('nginx did not come up');
    await sleep(100);
  }
  return { ...partial, nginx, url, dbName, runDir };
}

/** Starts node `id` on its port (again, after it was killed). */
export function startNode(c: Pick<Cluster, 'databaseUrl' | 'dataDir' | 'ports' | 'options'>, id: string): Promise<ServerProcess> {
  return startServerProcess({
    port: c.ports.get(id)!,
    dataDir: path.join(c.dataDir, id),
    env: { DATABASE_URL: c.databaseUrl, NODE_ID: id, TRUST_PROXY: '1', ...c.options.env },
    nodeArgs: c.options.nodeArgs ?? [],
  });
}

/** Each node's own address (not through nginx), by id. */
export function nodeUrls(c: Cluster): { id: string; url: string }[] {
  return c.options.nodeIds.map((id) => ({ id, url: `http://127.0.0.1:${c.ports.get(id)}` }));
}

export async function stopCluster(c: Cluster): Promise<void> {
  for (const n of c.nodes.values()) {
    n.child.kill('SIGCONT');
    await n.kill().catch(() => undefined);
  }
  c.nginx.kill('SIGTERM');
  await new Promise((r) => (c.nginx.exitCode !== null ? r(null) : c.nginx.once('exit', r)));
  const admin = new pg.Client({ connectionString: baseDatabaseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${c.dbName} WITH (FORCE)`);
  await admin.end();
  rmSync(c.dataDir, { recursive: true, force: true });
  rmSync(c.runDir, { recursive: true, force: true });
}

/** Which node owns each session now (the leases table). */
export async function owners(db: pg.Client): Promise<Map<string, string>> {
  const { rows } = await db.query<{ session_id: string; node_id: string }>('SELECT session_id, node_id FROM session_leases');
  return new Map(rows.map((r) => [r.session_id, r.node_id]));
}

/** How many times each answer id was stored (answer.added events in the commits). */
export async function storedAnswers(db: pg.Client): Promise<Map<string, number>> {
  const { rows } = await db.query<{ id: string; n: string }>(
    `SELECT e->'answer'->>'id' AS id, COUNT(*) AS n FROM commits, jsonb_array_elements(events::jsonb) e WHERE e->>'type' = 'answer.added' GROUP BY 1`,
  );
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

/** Acknowledged answers against the stored ones: none lost, none twice. */
export function tallyAnswers(acknowledged: Iterable<string>, stored: ReadonlyMap<string, number>): { acknowledged: number; found: number; lost: number; duplicated: number } {
  let n = 0;
  let found = 0;
  let lost = 0;
  let duplicated = 0;
  for (const id of acknowledged) {
    n++;
    const times = stored.get(id) ?? 0;
    if (times === 0) lost++;
    else found++;
    if (times > 1) duplicated++;
  }
  return { acknowledged: n, found, lost, duplicated };
}
