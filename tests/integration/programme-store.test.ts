/**
 * Programmes in every account store (memory, SQLite, and PostgreSQL when there is one), by one contract: made, listed per
 * organisation, renamed, deleted; sessions put in and taken out; a deleted session leaves
 * every programme. SQLite's copy survives a reopen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryAccountStore } from '../../server/accounts/memoryAccountStore.ts';
import { SqliteAccountStore } from '../../server/accounts/sqliteAccountStore.ts';
import type { AccountStore, Programme } from '../../server/accounts/types.ts';
import { MemoryStore } from '../../server/store/memoryStore.ts';
import { SqliteStore } from '../../server/store/sqliteStore.ts';
import type { SessionStore } from '../../server/store/types.ts';
import { PgAccountStore } from '../../server/accounts/pgAccountStore.ts';
import { PgStore } from '../../server/store/pgStore.ts';
import { seedAccount } from '../support/accounts.ts';
import { TEST_DATABASE_URL, freshSchema, postgresMissing } from '../support/postgres.ts';
import { sessionCreated, sessionRecord } from './store-contract.ts';

interface Harness {
  accounts: AccountStore;
  sessions: SessionStore;
  reopen?: () => Promise<AccountStore>;
  cleanup(): Promise<void>;
}

const implementations: [string, () => Promise<Harness>][] = [
  [
    'MemoryAccountStore',
    async () => {
      const accounts = new MemoryAccountStore();
      const sessions = new MemoryStore();
      return { accounts, sessions, cleanup: async () => void (await accounts.close(), await sessions.close()) };
    },
  ],
  [
    'SqliteAccountStore',
    async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'programme-store-'));
      const file = path.join(dir, 'db.sqlite');
      const sessions = SqliteStore.open(file);
      let accounts: AccountStore = SqliteAccountStore.open(file);
      return {
        get accounts() {
          return accounts;
        },
        sessions,
        reopen: async () => {
          await accounts.close();
          accounts = SqliteAccountStore.open(file);
          return accounts;
        },
        cleanup: async () => {
          await accounts.close();
          await sessions.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
];

const pgMissing = await postgresMissing('programmes in PgAccountStore');
if (!pgMissing) {
  implementations.push([
    'PgAccountStore',
    async () => {
      const { schema, drop } = await freshSchema('programmes');
      const sessions = await PgStore.open(TEST_DATABASE_URL, { schema });
      let accounts: AccountStore = await PgAccountStore.open(TEST_DATABASE_URL, { schema });
      return {
        get accounts() {
          return accounts;
        },
        sessions,
        reopen: async () => {
          await accounts.close();
          accounts = await PgAccountStore.open(TEST_DATABASE_URL, { schema });
          return accounts;
        },
        cleanup: async () => {
          await accounts.close();
          await sessions.close();
          await drop();
        },
      };
    },
  ]);
}

for (const [name, make] of implementations) {
  describe(`programmes in ${name}`, () => {
    let h: Harness;
    afterEach(async () => {
      await h?.cleanup();
    });

    async function session(id: string, code: string): Promise<void> {
      await h.sessions.createSession(sessionRecord(id, code), { seq: 1, opId: null, at: 1, events: [sessionCreated(id, code)] });
    }

    it('are made, listed per organisation (newest first), renamed and deleted', async () => {
      h = await make();
      const olga = await seedAccount(h.accounts, { role: 'organisator', organisation: 'Gemeente A' });
      const p1: Programme = { id: 'p1', organisation: 'Gemeente A', name: 'Stevige lokale teams 2026', createdBy: olga.account.id, createdAt: 10 };
      const p2: Programme = { ...p1, id: 'p2', name: 'Tweede ronde', createdAt: 20 };
      const elsewhere: Programme = { ...p1, id: 'p3', organisation: 'Gemeente B', createdAt: 30 };
      for (const p of [p1, p2, elsewhere]) await h.accounts.createProgramme(p);
      expect(await h.accounts.getProgramme('p1')).toEqual(p1);
      expect(await h.accounts.getProgramme('nope')).toBeNull();
      expect((await h.accounts.listProgrammes('Gemeente A')).map((p) => p.id)).toEqual(['p2', 'p1']);
      await h.accounts.renameProgramme('p1', 'Stevige lokale teams 2027');
      expect((await h.accounts.getProgramme('p1'))?.name).toBe('Stevige lokale teams 2027');
      await h.accounts.deleteProgramme('p2');
      expect((await h.accounts.listProgrammes('Gemeente A')).map((p) => p.id)).toEqual(['p1']);
      expect(await h.accounts.listProgrammeSessions('p2')).toEqual([]);
      if (h.reopen) {
        const again = await h.reopen();
        expect(await again.getProgramme('p1')).toEqual({ ...p1, name: 'Stevige lokale teams 2027' });
      }
    });

    it('hold sessions in the order added, once each; taking one out says whether it was in', async () => {
      h = await make();
      const olga = await seedAccount(h.accounts, { role: 'organisator' });
      await h.accounts.createProgramme({ id: 'p1', organisation: 'Gemeente Voorbeeld', name: 'P', createdBy: olga.account.id, createdAt: 1 });
      await session('s1', 'AAA222');
      await session('s2', 'BBB333');
      await h.accounts.addProgrammeSession('p1', 's2', 5);
      await h.accounts.addProgrammeSession('p1', 's1', 6);
      await h.accounts.addProgrammeSession('p1', 's2', 7);
      expect(await h.accounts.listProgrammeSessions('p1')).toEqual(['s2', 's1']);
      expect(await h.accounts.removeProgrammeSession('p1', 's2')).toBe(true);
      expect(await h.accounts.removeProgrammeSession('p1', 's2')).toBe(false);
      expect(await h.accounts.listProgrammeSessions('p1')).toEqual(['s1']);
    });

    it('lose a session that is deleted (and deleting a programme never deletes its sessions)', async () => {
      h = await make();
      const olga = await seedAccount(h.accounts, { role: 'organisator' });
      for (const id of ['p1', 'p2']) await h.accounts.createProgramme({ id, organisation: 'Gemeente Voorbeeld', name: id, createdBy: olga.account.id, createdAt: 1 });
      await session('s1', 'AAA222');
      await session('s2', 'BBB333');
      for (const p of ['p1', 'p2']) for (const s of ['s1', 's2']) await h.accounts.addProgrammeSession(p, s, 1);
      // As server/app.ts deletes a session: from the session store, then the account store forgets it.
      await h.sessions.deleteSession('s1');
      await h.accounts.forgetSession('s1');
      expect(await h.accounts.listProgrammeSessions('p1')).toEqual(['s2']);
      expect(await h.accounts.listProgrammeSessions('p2')).toEqual(['s2']);
      await h.accounts.deleteProgramme('p1');
      expect(await h.sessions.getSession('s2')).not.toBeNull();
      expect(await h.accounts.listProgrammeSessions('p2')).toEqual(['s2']);
    });
  });
}
