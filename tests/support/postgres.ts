/**
 * PostgreSQL for tests: is there one, and a fresh schema per suite, dropped afterwards.
 *
 * Where: TEST_DATABASE_URL, else the development and CI machines' local server
 * (postgres://postgres@127.0.0.1:5432/test, trust authentication). Without one the suites
 * that need it skip with a message saying so, except under CI=true, where they must run
 * (`.ci/run` starts PostgreSQL): there a missing database fails the run instead of
 * silently testing less.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Null when PostgreSQL is there; else why the suite skips (after printing it). Under
 * CI=true an unreachable database throws, failing the suite.
 */
export async function postgresMissing(suite: string): Promise<string | null> {
  const why = await reachable();
  if (why === null) return null;
  const message = `${suite}: skipped, no PostgreSQL at ${TEST_DATABASE_URL} (${why}). Start it (see README, "Tests") or set TEST_DATABASE_URL.`;
  if (process.env.CI === 'true') throw new Error(`${message} Under CI=true this suite must run.`);
  console.warn(message);
  return message;
}

/** A new, empty schema; `drop` removes it with everything in it. */
export async function freshSchema(prefix = 't'): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  return {
    schema,
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}
