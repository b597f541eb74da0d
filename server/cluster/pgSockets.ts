/**
 * Open sockets per client address for the whole cluster, in PostgreSQL (table
 * `address_sockets`, pgMigrations.ts version 7; see server/limits/sharedSockets.ts): one row
 * per address and node with that node's count. A node's rows count while its heartbeat in
 * `nodes` is fresh (server/cluster/leases.ts): a node that died stops counting after
 * `deadAfterMs`, and a node that starts again first deletes what it had left.
 */
import type pg from 'pg';
import type { SharedSocketCounts } from '../limits/sharedSockets.ts';
import { DB_NOW, inTransaction } from '../store/pgPool.ts';
import { LEASE_DEFAULTS } from './leases.ts';

export interface PgSocketOptions {
  readonly nodeId: string;
  readonly deadAfterMs?: number;
  /** How often this node writes its changed counts and reads the others' (ms). */
  readonly refreshMs?: number;
}

/** An arbitrary constant: the first key of the advisory locks "admitting a socket from this address". */
const ADMIT_LOCK = 7_411_902;

export class PgSocketCounts implements SharedSocketCounts {
  readonly #pool: pg.Pool;
  readonly #nodeId: string;
  readonly #deadAfterMs: number;
  readonly #refreshMs: number;
  /** Rows left from this node's previous life are gone before anything is written. */
  readonly #ready: Promise<void>;
  #countOf: (address: string) => number = () => 0;
  #hotAtLeast = 1;
  #dirty = new Set<string>();
  #known = new Map<string, number>();
  #timer: ReturnType<typeof setInterval> | null = null;
  /** The latest refresh (each starts after the one before). */
  #last: Promise<void> = Promise.resolve();
  #running = false;

  constructor(pool: pg.Pool, options: PgSocketOptions) {
    this.#pool = pool;
    this.#nodeId = options.nodeId;
    this.#deadAfterMs = options.deadAfterMs ?? LEASE_DEFAULTS.deadAfterMs;
    this.#refreshMs = options.refreshMs ?? 1000;
    this.#ready = pool.query('DELETE FROM address_sockets WHERE node_id = $1', [this.#nodeId]).then(
      () => undefined,
      () => undefined,
    );
  }

  attach(countOf: (address: string) => number, hotAtLeast: number): void {
    this.#countOf = countOf;
    this.#hotAtLeast = Math.max(1, hotAtLeast);
    if (this.#timer) return;
    // A slow database does not pile refreshes up: the timer skips while one runs.
    this.#timer = setInterval(() => this.#running || void this.refresh().catch(() => undefined), this.#refreshMs);
    this.#timer.unref();
  }

  known(address: string): number {
    return this.#known.get(address) ?? 0;
  }

  changed(address: string): void {
    this.#dirty.add(address);
  }

  /** Writes this node's changed counts and reads which addresses the other nodes hold many sockets of. */
  refresh(): Promise<void> {
    this.#last = this.#last.catch(() => undefined).then(() => this.#refresh());
    return this.#last;
  }

  async #refresh(): Promise<void> {
    this.#running = true;
    try {
      await this.#exchange();
    } finally {
      this.#running = false;
    }
  }

  async #exchange(): Promise<void> {
    await this.#ready;
    const dirty = [...this.#dirty];
    this.#dirty = new Set();
    try {
      const counts = dirty.map((a) => this.#countOf(a));
      const open = dirty.filter((_, i) => counts[i]! > 0);
      const closed = dirty.filter((_, i) => counts[i]! <= 0);
      if (open.length) {
        await this.#pool.query(
          `INSERT INTO address_sockets (address, node_id, sockets, updated_at)
           SELECT a, $1, s, ${DB_NOW} FROM unnest($2::text[], $3::int[]) AS t(a, s)
           ON CONFLICT (address, node_id) DO UPDATE SET sockets = excluded.sockets, updated_at = excluded.updated_at`,
          [this.#nodeId, open, counts.filter((n) => n > 0)],
        );
      }
      if (closed.length) await this.#pool.query('DELETE FROM address_sockets WHERE node_id = $1 AND address = ANY($2::text[])', [this.#nodeId, closed]);
    } catch (err) {
      for (const a of dirty) this.#dirty.add(a); // again with the next refresh
      throw err;
    }
    const { rows } = await this.#pool.query<{ address: string; n: number }>(
      `SELECT s.address, SUM(s.sockets)::int AS n FROM address_sockets s JOIN nodes n ON n.id = s.node_id
       WHERE s.node_id <> $1 AND n.heartbeat_at > ${DB_NOW} - $2::bigint
       GROUP BY s.address HAVING SUM(s.sockets) >= $3`,
      [this.#nodeId, this.#deadAfterMs, this.#hotAtLeast],
    );
    this.#known = new Map(rows.map((r) => [r.address, r.n]));
  }

  async admit(address: string, mine: number, limit: number): Promise<boolean> {
    await this.#ready;
    return inTransaction(this.#pool, async (c) => {
      // Admissions of one address queue here, on every node: two nodes cannot both take the last place.
      await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ADMIT_LOCK, address]);
      const { rows } = await c.query<{ n: number }>(
        `SELECT COALESCE(SUM(s.sockets), 0)::int AS n FROM address_sockets s JOIN nodes n ON n.id = s.node_id
         WHERE s.address = $1 AND s.node_id <> $2 AND n.heartbeat_at > ${DB_NOW} - $3::bigint`,
        [address, this.#nodeId, this.#deadAfterMs],
      );
      const others = rows[0]?.n ?? 0;
      if (others >= this.#hotAtLeast) this.#known.set(address, others);
      else this.#known.delete(address);
      if (mine + others > limit) return false;
      await c.query(
        `INSERT INTO address_sockets (address, node_id, sockets, updated_at) VALUES ($1, $2, $3, ${DB_NOW})
         ON CONFLICT (address, node_id) DO UPDATE SET sockets = excluded.sockets, updated_at = excluded.updated_at`,
        [address, this.#nodeId, mine],
      );
      return true;
    });
  }

  close(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}
