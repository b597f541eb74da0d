/**
 * Shared token buckets in PostgreSQL (table `rate_buckets`, pgMigrations.ts): one statement
 * per take, atomic under concurrency (the row is the lock), refilled on the database's clock so
 * the nodes' clocks never matter. Buckets untouched for a day are swept away.
 */
import type pg from 'pg';
import type { SharedBuckets } from '../limits/sharedBuckets.ts';
import { DB_NOW } from '../store/pgPool.ts';
import { PgSocketCounts, type PgSocketOptions } from './pgSockets.ts';

const SWEEP_EVERY_MS = 10 * 60_000;
const FORGET_AFTER_MS = 24 * 3_600_000;

export class PgBuckets implements SharedBuckets {
  readonly #pool: pg.Pool;
  readonly #sweep: ReturnType<typeof setInterval>;
  /** Open sockets per address, when this is a node of several (its id given). */
  readonly sockets: PgSocketCounts | null;

  constructor(pool: pg.Pool, node: PgSocketOptions | null = null) {
    this.#pool = pool;
    this.sockets = node ? new PgSocketCounts(pool, node) : null;
    this.#sweep = setInterval(() => {
      this.#pool.query(`DELETE FROM rate_buckets WHERE updated_at < ${DB_NOW} - $1`, [FORGET_AFTER_MS]).catch(() => undefined);
    }, SWEEP_EVERY_MS);
    this.#sweep.unref();
  }

  async take(key: string, capacity: number, periodMs: number): Promise<boolean> {
    const perMs = capacity / periodMs;
    // A new bucket starts full (minus this token); an existing one is refilled for the time
    // since its last take and gives a token only when it has one.
    const { rowCount } = await this.#pool.query(
      `INSERT INTO rate_buckets AS b (key, tokens, updated_at) VALUES ($1, $2::float8 - 1, ${DB_NOW})
       ON CONFLICT (key) DO UPDATE
         SET tokens = LEAST($2::float8, b.tokens + (${DB_NOW} - b.updated_at) * $3::float8) - 1, updated_at = ${DB_NOW}
         WHERE LEAST($2::float8, b.tokens + (${DB_NOW} - b.updated_at) * $3::float8) >= 1`,
      [key, capacity, perMs],
    );
    return (rowCount ?? 0) > 0;
  }

  async empty(key: string, capacity: number, periodMs: number): Promise<boolean> {
    const { rows } = await this.#pool.query<{ level: number }>(
      `SELECT LEAST($2::float8, tokens + (${DB_NOW} - updated_at) * $3::float8) AS level FROM rate_buckets WHERE key = $1`,
      [key, capacity, capacity / periodMs],
    );
    return rows.length > 0 && rows[0]!.level < 1;
  }

  close(): void {
    clearInterval(this.#sweep);
    this.sockets?.close();
  }
}
