import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../server/store/memoryStore.ts';
import { LATEST_VERSION, MIGRATIONS, migrate } from '../../server/store/migrations.ts';
import { SqliteStore } from '../../server/store/sqliteStore.ts';
import { SqliteWorkerStore } from '../../server/store/sqliteWorkerStore.ts';
import type { SessionStore } from '../../server/store/types.ts';
import { sessionCreated, sessionRecord, storeContract } from './store-contract.ts';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'samenspraak-store-'));
}

storeContract('MemoryStore', async () => {
  const store = new MemoryStore();
  return { store, cleanup: () => store.close() };
});

storeContract('SqliteStore', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'store.db');
  const opened: SessionStore[] = [SqliteStore.open(file)];
  return {
    store: opened[0]!,
    reopen: async () => {
      const again = SqliteStore.open(file);
      opened.push(again);
      return again;
    },
    cleanup: async () => {
      for (const s of opened) await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

// The server's default: the same SQLite store behind a worker thread (errors cross as data).
storeContract('SqliteWorkerStore', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'store.db');
  const opened: SessionStore[] = [await SqliteWorkerStore.open(file)];
  return {
    store: opened[0]!,
    reopen: async () => {
      const again = await SqliteWorkerStore.open(file);
      opened.push(again);
      return again;
    },
    cleanup: async () => {
      for (const s of opened) await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteWorkerStore specifics', () => {
  it('refuses to open what is not a database, with the reason', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'not-a-db');
    fs.writeFileSync(file, 'this is not SQLite '.repeat(100));
    await expect(SqliteWorkerStore.open(file)).rejects.toThrow(/not a database/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('after close, calls reject instead of hanging', async () => {
    const dir = tempDir();
    const store = await SqliteWorkerStore.open(path.join(dir, 'store.db'));
    await store.close();
    await store.close();
    await expect(store.getSession('x')).rejects.toThrow(/SQLite worker stopped/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('SqliteStore specifics', () => {
  const dirs: string[] = [];
  const stores: SqliteStore[] = [];

  function open(file: string): SqliteStore {
    const store = SqliteStore.open(file);
    stores.push(store);
    return store;
  }

  function newDir(): string {
    const dir = tempDir();
    dirs.push(dir);
    return dir;
  }

  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('uses WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const store = open(path.join(newDir(), 'a.db'));
    expect(store.pragma('journal_mode')).toBe('wal');
    expect(store.pragma('synchronous')).toBe(2); // FULL
    expect(store.pragma('foreign_keys')).toBe(1);
    expect(store.pragma('busy_timeout')).toBe(5000);
    expect(() => store.pragma('user_version; DROP TABLE sessions')).toThrow();
  });

  it('migrations are idempotent: opening twice gives the same user_version', async () => {
    const file = path.join(newDir(), 'm.db');
    const first = open(file);
    const version = first.pragma('user_version');
    expect(version).toBe(LATEST_VERSION);
    expect(version).toBe(MIGRATIONS.at(-1)?.version);
    await first.close();

    const second = open(file);
    expect(second.pragma('user_version')).toBe(version);
    // And migrate() on an up-to-date database is a no-op returning the same version.
    expect(migrate(second.db)).toBe(version);
  });

  it('migrate() runs on a bare connection and refuses a database from newer code', () => {
    const db = new Database(':memory:');
    try {
      expect(migrate(db)).toBe(LATEST_VERSION);
      expect(migrate(db)).toBe(LATEST_VERSION);
      const tables = db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .all()
        .map((r) => r.name);
      // Sessions' tables, and the accounts' (migrations 5 and 6, used by server/accounts/sqliteAccountStore.ts).
      expect(tables).toEqual([
        'accounts',
        'api_tokens',
        'commits',
        'logins',
        'participant_tokens',
        'programme_sessions',
        'programmes',
        'session_actions',
        'session_owners',
        'sessions',
        'snapshots',
        'work_package_requests',
      ]);
      db.pragma(`user_version = ${LATEST_VERSION + 1}`);
      expect(() => migrate(db)).toThrow(/newer/);
    } finally {
      db.close();
    }
  });

  it('a database from before snapshots (version 1) migrates and loads from its commits', async () => {
    const file = path.join(newDir(), 'v1.db');
    const db = new Database(file);
    db.exec(MIGRATIONS[0]!.up);
    db.pragma('user_version = 1');
    db.prepare("INSERT INTO sessions VALUES ('s1', 'ABC234', 1, 'f', 's', NULL)").run();
    db.prepare("INSERT INTO commits VALUES ('s1', 1, NULL, 1, ?)").run(JSON.stringify([sessionCreated('s1', 'ABC234')]));
    db.close();
    const store = open(file);
    expect(store.pragma('user_version')).toBe(LATEST_VERSION);
    expect(await store.loadLatest('s1')).toEqual({ snapshot: null, commits: [{ seq: 1, opId: null, at: 1, events: [sessionCreated('s1', 'ABC234')] }] });
    await store.appendBatch([{ sessionId: 's1', commit: { seq: 2, opId: null, at: 2, events: [] }, snapshot: { seq: 2, state: '{}' } }]);
    expect((await store.loadLatest('s1')).snapshot).toEqual({ seq: 2, state: '{}' });
  });

  it('creates a fresh file in a directory that does not exist yet', async () => {
    const file = path.join(newDir(), 'nested', 'deeper', 'store.db');
    expect(fs.existsSync(path.dirname(file))).toBe(false);
    const store = open(file);
    expect(fs.existsSync(file)).toBe(true);
    await store.createSession(sessionRecord('s1', 'ABC234'), {
      seq: 1,
      opId: null,
      at: 1,
      events: [sessionCreated('s1', 'ABC234')],
    });
    expect(await store.findSessionByCode('ABC234')).toMatchObject({ id: 's1' });
  });

  it('accepts :memory:', async () => {
    const store = open(':memory:');
    await store.createSession(sessionRecord('s1', 'ABC234'), {
      seq: 1,
      opId: null,
      at: 1,
      events: [sessionCreated('s1', 'ABC234')],
    });
    expect(await store.loadCommits('s1')).toHaveLength(1);
  });

  it('a committed append is visible to a second connection before the first one closes', async () => {
    // The data is in the file (WAL) when the promise resolves, not only in this process's memory.
    const file = path.join(newDir(), 'durable.db');
    const store = open(file);
    await store.createSession(sessionRecord('s1', 'ABC234'), {
      seq: 1,
      opId: 'c',
      at: 1,
      events: [sessionCreated('s1', 'ABC234')],
    });
    await store.append('s1', { seq: 2, opId: 'x', at: 2, events: [{ type: 'spotlight.set', groupId: 'g1' }] });
    const other = new Database(file, { readonly: true });
    try {
      const rows = other.prepare<[], { seq: number }>("SELECT seq FROM commits WHERE session_id = 's1' ORDER BY seq").all();
      expect(rows.map((r) => r.seq)).toEqual([1, 2]);
    } finally {
      other.close();
    }
  });
});
