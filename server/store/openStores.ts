/**
 * The session store and the account store the configuration asks for: PostgreSQL when
 * DATABASE_URL is set (what several servers share), else the embedded SQLite file in
 * DATA_DIR (the session store in its own worker thread, accounts on their own connection).
 */
import path from 'node:path';
import type { Logger } from 'pino';
import { PgAccountStore } from '../accounts/pgAccountStore.ts';
import { SqliteAccountStore } from '../accounts/sqliteAccountStore.ts';
import type { AccountStore } from '../accounts/types.ts';
import { PgStore } from './pgStore.ts';
import { SqliteWorkerStore } from './sqliteWorkerStore.ts';
import type { SessionStore } from './types.ts';

export interface Stores {
  readonly store: SessionStore;
  readonly accounts: AccountStore;
  /** Where the data is, for the log (never the password of a database URL). */
  readonly where: string;
}

export async function openStores(config: { readonly dataDir: string; readonly databaseUrl: string | null }, logger: Logger): Promise<Stores> {
  if (config.databaseUrl) {
    const onIdleError = (err: Error) => logger.warn({ err: err.message }, 'database connection lost; the pool reconnects on the next query');
    const store = await PgStore.open(config.databaseUrl, { onIdleError });
    const accounts = await PgAccountStore.open(config.databaseUrl, { onIdleError });
    return { store, accounts, where: redact(config.databaseUrl) };
  }
  const file = path.join(config.dataDir, 'samenspraak.sqlite');
  // SQLite in its own thread: commits (each ending in an fsync) never block the event loop.
  const store = await SqliteWorkerStore.open(file);
  // After the session store: it creates and migrates the file, the account tables included.
  const accounts = SqliteAccountStore.open(file);
  return { store, accounts, where: file };
}

/** postgres://user:secret@host/db → postgres://user:***@host/db */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL (unreadable)';
  }
}
