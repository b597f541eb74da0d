/**
 * The session store and the account store the configuration asks for: PostgreSQL when
 * DATABASE_URL is set (what several servers share), else the embedded SQLite file in
 * DATA_DIR (the session store in its own worker thread, accounts on their own connection).
 * With NODE_ID as well, this server is one node of several: it owns sessions through leases
 * (server/cluster/leases.ts), and its commits are fenced by them.
 */
import path from 'node:path';
import type pg from 'pg';
import type { Logger } from 'pino';
import { PgAccountStore } from '../accounts/pgAccountStore.ts';
import { SessionLeases } from '../cluster/leases.ts';
import { PgBuckets } from '../cluster/pgBuckets.ts';
import { SqliteAccountStore } from '../accounts/sqliteAccountStore.ts';
import type { AccountStore } from '../accounts/types.ts';
import { PgStore } from './pgStore.ts';
import { SqliteWorkerStore } from './sqliteWorkerStore.ts';
import type { StoreAddress } from './storeAddress.ts';
import type { SessionStore } from './types.ts';

export interface Stores {
  readonly store: SessionStore;
  readonly accounts: AccountStore;
  /** Several servers: this node's leases (started: it heartbeats); null for one server. */
  readonly leases: SessionLeases | null;
  /** Several servers: limits per address shared by the nodes; null for one server. */
  readonly sharedBuckets: PgBuckets | null;
  /** The PostgreSQL connections (for the messages between nodes); null on SQLite. */
  readonly pgPool: pg.Pool | null;
  /** Where the data is, for the log (never the password of a database URL). */
  readonly where: string;
  /** Where the data is, for a second process that reads it (the export process). */
  readonly address: StoreAddress;
}

export interface StoreConfig {
  readonly dataDir: string;
  readonly databaseUrl: string | null;
  readonly node: { readonly id: string; readonly path: string } | null;
}

export async function openStores(config: StoreConfig, logger: Logger): Promise<Stores> {
  if (config.databaseUrl) {
    const onIdleError = (err: Error) => logger.warn({ err: err.message }, 'database connection lost; the pool reconnects on the next query');
    const node = config.node;
    let leases: SessionLeases | null = null;
    const fence = node ? { nodeId: node.id, epochOf: (sessionId: string) => leases?.epochOf(sessionId) ?? null } : undefined;
    const store = await PgStore.open(config.databaseUrl, { onIdleError, ...(fence ? { fence } : {}) });
    const accounts = await PgAccountStore.open(config.databaseUrl, { onIdleError });
    if (node) {
      leases = new SessionLeases(store.pool, { nodeId: node.id, path: node.path, onError: (err) => logger.warn({ err: err.message }, 'heartbeat failed') });
      await leases.start();
    }
    return { store, accounts, leases, sharedBuckets: node ? new PgBuckets(store.pool, { nodeId: node.id }) : null, pgPool: store.pool, where: redact(config.databaseUrl), address: { kind: 'postgres', url: config.databaseUrl } };
  }
  if (config.node) throw new Error('NODE_ID needs DATABASE_URL: several servers share one PostgreSQL database');
  const file = path.join(config.dataDir, 'samenspraak.sqlite');
  // SQLite in its own thread: commits (each ending in an fsync) never block the event loop.
  const store = await SqliteWorkerStore.open(file);
  // After the session store: it creates and migrates the file, the account tables included.
  const accounts = SqliteAccountStore.open(file);
  return { store, accounts, leases: null, sharedBuckets: null, pgPool: null, where: file, address: { kind: 'sqlite', file } };
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
