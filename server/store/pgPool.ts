/**
 * A `pg` connection pool as the PostgreSQL stores use it: BIGINT read back as numbers (they
 * hold milliseconds and sums of characters, well inside a double's exact range), an optional
 * schema (tests use one each), and the schema migrated before the pool is handed out.
 */
import pg from 'pg';
import { PG_LATEST_VERSION, migratePg } from './pgMigrations.ts';

export interface PgPoolOptions {
  /** A schema to use instead of the connection's default. It must exist. */
  readonly schema?: string;
  /** Most connections open at once. */
  readonly maxConnections?: number;
  /** Told about connection errors no request was waiting on (e.g. the database restarted). */
  readonly onIdleError?: (err: Error) => void;
}

/** The database's clock in milliseconds, in SQL: one clock for every node (leases, shared limits). */
export const DB_NOW = `(extract(epoch from clock_timestamp()) * 1000)::bigint`;

const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/** A schema name safe to put in SQL (nothing user-given reaches here). */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  return schema;
}

/** Connects, brings the schema up to date, and returns the pool. */
export async function openPgPool(connectionString: string, options: PgPoolOptions = {}): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString,
    max: options.maxConnections ?? 10,
    types,
    // A server paused in the middle of a transaction (SIGSTOP, a VM frozen) must not hold its
    // locks for ever: PostgreSQL ends such a connection after 5 s, so another node can take
    // the session over. Nothing waits for a lock longer than 10 s, or runs longer than 30 s.
    idle_in_transaction_session_timeout: 5000,
    lock_timeout: 10_000,
    statement_timeout: 30_000,
    ...(options.schema ? { options: `-c search_path=${checkSchemaName(options.schema)}` } : {}),
  });
  // A connection that breaks while idle is dropped by the pool; without a listener the
  // error would end the process.
  pool.on('error', (err) => options.onIdleError?.(err));
  try {
    const client = await pool.connect();
    try {
      const version = await migratePg(client);
      if (version !== PG_LATEST_VERSION) throw new Error(`schema version ${version}, expected ${PG_LATEST_VERSION}`);
    } finally {
      client.release();
    }
    return pool;
  } catch (err) {
    await pool.end();
    throw err;
  }
}

/**
 * One connection of the pool for a few statements. While it is checked out, the pool does not
 * listen for its errors: a connection the database ends between two statements (a restart, a
 * server paused past idle_in_transaction_session_timeout) would otherwise end the process.
 * A broken connection is destroyed on release, not given back.
 */
export async function withClient<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (err: Error) => (broken = err);
  client.on('error', onError);
  try {
    return await fn(client);
  } catch (err) {
    // No SQLSTATE (the socket failed), or one of the "connection ended" classes: not reusable.
    const code = (err as { code?: unknown }).code;
    if (typeof code !== 'string' || code.startsWith('57') || code === '25P03' || code.startsWith('08')) broken ??= err as Error;
    throw err;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

/** Runs `fn` in a transaction on one connection of `pool`; rolls back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  return withClient(pool, async (client) => {
    await client.query(begin);
    try {
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
}
