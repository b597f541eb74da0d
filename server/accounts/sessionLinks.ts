/**
 * The links of sessions that belong to an account. The facilitator secret of an owned
 * session is derived from a server key, the session id and a version (HMAC-SHA256), so the
 * server can hand its owner the console and screen links again on any device while storing
 * only hashes; the screen secret is derived from the facilitator secret as for every
 * session (secrets.ts). Rotating bumps the version: new secrets, whose hashes are kept with
 * the owner and laid over the session record (SessionHub's recordOverlay), so the old links
 * stop at once, in memory and after a reload.
 *
 * The key lives in a file beside the database (link-key, mode 0600), not in it: a copy of
 * the database alone gives no links. Losing the key only means owners rotate to get new links.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hashSecret, screenSecretFor } from '../secrets.ts';
import type { SessionRecord } from '../store/types.ts';
import type { SessionOwner } from './types.ts';

const TAG = 'samenspraak/facilitator-link/v1';

export function ownerFacilitatorSecret(key: Buffer, sessionId: string, version: number): string {
  return createHmac('sha256', key).update(`${TAG}\u0000${sessionId}\u0000${version}`).digest('base64url').slice(0, 32);
}

export interface OwnerLinks {
  readonly facilitatorSecret: string;
  readonly screenSecret: string;
}

export function ownerLinks(key: Buffer, sessionId: string, version: number): OwnerLinks {
  const facilitatorSecret = ownerFacilitatorSecret(key, sessionId, version);
  return { facilitatorSecret, screenSecret: screenSecretFor(facilitatorSecret) };
}

export function linkHashes(links: OwnerLinks): { facilitatorHash: string; screenHash: string } {
  return { facilitatorHash: hashSecret(links.facilitatorSecret), screenHash: hashSecret(links.screenSecret) };
}

/** The record with a rotation's hashes in place of the stored ones (and no older screen link). */
export function withRotatedLinks(record: SessionRecord, owner: SessionOwner | null): SessionRecord {
  if (!owner?.facilitatorHash || !owner.screenHash) return record;
  return { ...record, facilitatorSecretHash: owner.facilitatorHash, screenSecretHash: owner.screenHash, derivedScreenSecretHash: null };
}

/** Reads the link key from `file`, creating it (32 random bytes, owner-only) on first start. */
export function loadLinkKey(file: string): Buffer {
  if (existsSync(file)) {
    const key = readFileSync(file);
    if (key.length >= 32) return key;
  }
  const key = randomBytes(32);
  // On PostgreSQL nothing else makes DATA_DIR (the SQLite store does, for its file).
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}
