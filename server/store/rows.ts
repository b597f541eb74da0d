/**
 * The session tables' rows as both SQL stores read them (SQLite and PostgreSQL have the same
 * columns), and how a row becomes the store's record.
 */
import type { Commit, SessionRecord } from './types.ts';

export interface SessionRow {
  id: string;
  code: string;
  created_at: number;
  facilitator_secret_hash: string;
  screen_secret_hash: string;
  derived_screen_secret_hash?: string | null;
  ended_at: number | null;
}

export interface CommitRow {
  seq: number;
  op_id: string | null;
  at: number;
  events: string;
}

export interface TokenRow {
  token_hash: string;
  session_id: string;
  participant_id: string;
}

export const SESSION_COLUMNS = 'id, code, created_at, facilitator_secret_hash, screen_secret_hash, ended_at';
export const READ_COLUMNS = `${SESSION_COLUMNS}, derived_screen_secret_hash`;

export function toRecord(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    code: row.code,
    createdAt: row.created_at,
    facilitatorSecretHash: row.facilitator_secret_hash,
    screenSecretHash: row.screen_secret_hash,
    ...(row.derived_screen_secret_hash ? { derivedScreenSecretHash: row.derived_screen_secret_hash } : {}),
    endedAt: row.ended_at,
  };
}

export function toCommit(row: CommitRow): Commit {
  return { seq: row.seq, opId: row.op_id, at: row.at, events: JSON.parse(row.events) as Commit['events'] };
}
