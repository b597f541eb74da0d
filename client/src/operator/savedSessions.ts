/**
 * The facilitator's sessions on this device, so a closed tab can be found back.
 * Stored in localStorage under one key; everything read back is checked, because
 * localStorage can hold anything (old versions, other tabs, hand edits).
 */
import { readJson, writeJson } from '../lib/storage.ts';

export const SAVED_SESSIONS_KEY = 'samenspraak:facilitator-sessions';

export interface SavedSession {
  readonly sessionId: string;
  /** The facilitator secret. */
  readonly secret: string;
  readonly code: string;
  readonly title: string;
  readonly createdAt: number;
  /** The shared-screen secret, known only on the device that created the session. */
  readonly screenSecret?: string;
  /** Absolute join URL as the server gave it at creation. */
  readonly joinUrl?: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

function isSaved(x: unknown): x is SavedSession {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return (
    typeof o.sessionId === 'string' &&
    ID.test(o.sessionId) &&
    typeof o.secret === 'string' &&
    ID.test(o.secret) &&
    typeof o.code === 'string' &&
    typeof o.title === 'string' &&
    typeof o.createdAt === 'number' &&
    (o.screenSecret === undefined || (typeof o.screenSecret === 'string' && ID.test(o.screenSecret))) &&
    (o.joinUrl === undefined || typeof o.joinUrl === 'string')
  );
}

/** Newest first. Entries that do not have the right shape are skipped, not fatal. */
export function loadSavedSessions(): SavedSession[] {
  const list = readJson(SAVED_SESSIONS_KEY, (v: unknown): v is unknown[] => Array.isArray(v)) ?? [];
  return list.filter(isSaved).sort((a, b) => b.createdAt - a.createdAt);
}

/** Storage full or blocked: the session still works, it just is not remembered here. */
function write(list: readonly SavedSession[]): void {
  writeJson(SAVED_SESSIONS_KEY, list);
}

/**
 * Adds or updates the entry of one session. Fields already known (such as the screen
 * secret) are kept when the update does not bring them.
 */
export function saveSession(entry: SavedSession): SavedSession[] {
  const list = loadSavedSessions();
  const old = list.find((s) => s.sessionId === entry.sessionId);
  const merged: SavedSession = {
    ...old,
    ...entry,
    screenSecret: entry.screenSecret ?? old?.screenSecret,
    joinUrl: entry.joinUrl ?? old?.joinUrl,
    createdAt: old?.createdAt ?? entry.createdAt,
  };
  const next = [merged, ...list.filter((s) => s.sessionId !== entry.sessionId)];
  write(next);
  return next.sort((a, b) => b.createdAt - a.createdAt);
}

export function forgetSession(sessionId: string): SavedSession[] {
  const next = loadSavedSessions().filter((s) => s.sessionId !== sessionId);
  write(next);
  return next;
}

export function findSavedSession(sessionId: string): SavedSession | undefined {
  return loadSavedSessions().find((s) => s.sessionId === sessionId);
}
