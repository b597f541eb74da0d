/**
 * The PostgreSQL store against the one store contract (each test in a schema of its own),
 * and what only it has: migrations applied once when servers start together.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PG_LATEST_VERSION } from '../../server/store/pgMigrations.ts';
import { PgStore } from '../../server/store/pgStore.ts';
import type { SessionStore } from '../../server/store/types.ts';
import { TEST_DATABASE_URL, freshSchema, postgresMissing } from '../support/postgres.ts';
import { sessionCreated, sessionRecord, storeContract } from './store-contract.ts';

const missing = await postgresMissing('PostgreSQL store');

if (missing) {
  describe.skip(`PgStore (${missing})`, () => {
    it('needs PostgreSQL', () => undefined);
  });
} else {
  storeContract('PgStore', async () => {
    const { schema, drop } = await freshSchema('store');
    const opened: SessionStore[] = [await PgStore.open(TEST_DATABASE_URL, { schema })];
    return {
      store: opened[0]!,
      reopen: async () => {
        const again = await PgStore.open(TEST_DATABASE_URL, { schema });
        opened.push(again);
        return again;
      },
      cleanup: async () => {
        for (const s of opened) await s.close();
        await drop();
      },
    };
  });

  describe('PgStore specifics', () => {
    it('applies its migrations once when five servers open the same empty schema at once', async () => {
      const { schema, drop } = await freshSchema('migrate');
      try {
        const stores = await Promise.all(Array.from({ length: 5 }, () => PgStore.open(TEST_DATABASE_URL, { schema, maxConnections: 2 })));
        await stores[0]!.createSession(sessionRecord('s1', 'ABC234'), { seq: 1, opId: null, at: 1, events: [sessionCreated('s1', 'ABC234')] });
        expect((await stores[4]!.getSession('s1'))?.code).toBe('ABC234');
        await Promise.all(stores.map((s) => s.close()));
        const c = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
        await c.connect();
        const { rows } = await c.query('SELECT version FROM schema_version');
        await c.end();
        expect(rows).toEqual([{ version: PG_LATEST_VERSION }]);
      } finally {
        await drop();
      }
    });

    it('refuses a schema written by newer code', async () => {
      const { schema, drop } = await freshSchema('newer');
      try {
        await (await PgStore.open(TEST_DATABASE_URL, { schema })).close();
        const c = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
        await c.connect();
        await c.query('UPDATE schema_version SET version = version + 1');
        await c.end();
        await expect(PgStore.open(TEST_DATABASE_URL, { schema })).rejects.toThrow(/newer than this server supports/);
      } finally {
        await drop();
      }
    });

    it('writes two servers’ commits of one session in turn: the second sees the first’s seq', async () => {
      const { schema, drop } = await freshSchema('race');
      const a = await PgStore.open(TEST_DATABASE_URL, { schema });
      const b = await PgStore.open(TEST_DATABASE_URL, { schema });
      try {
        await a.createSession(sessionRecord('s1', 'ABC234'), { seq: 1, opId: null, at: 1, events: [sessionCreated('s1', 'ABC234')] });
        const results = await Promise.allSettled([a.append('s1', { seq: 2, opId: 'from-a', at: 2, events: [] }), b.append('s1', { seq: 2, opId: 'from-b', at: 2, events: [] })]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect((await a.loadCommits('s1')).map((x) => x.seq)).toEqual([1, 2]);
      } finally {
        await a.close();
        await b.close();
        await drop();
      }
    });
  });
}
