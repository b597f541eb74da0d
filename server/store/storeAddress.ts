/**
 * Where a server's sessions are stored, so that another process can read them: the export
 * process loads a session from the store itself rather than being sent its state (at 5,000
 * people serialising the state held the event loop for half a second).
 */
import { PgStore } from './pgStore.ts';
import { SqliteStore } from './sqliteStore.ts';
import type { SessionStore } from './types.ts';

export type StoreAddress =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema?: string };

/** What a reading process needs of a store. */
export type StoreReader = Pick<SessionStore, 'loadLatest' | 'close'>;

/** A second connection to the same store (SQLite's WAL lets it read while the server writes). */
export async function openStoreReader(address: StoreAddress): Promise<StoreReader> {
  if (address.kind === 'sqlite') return SqliteStore.open(address.file);
  return PgStore.open(address.url, { maxConnections: 2, ...(address.schema ? { schema: address.schema } : {}) });
}
