/**
 * The account tables' rows as both SQL stores read them (SQLite and PostgreSQL have the same
 * columns), and how a row becomes the account store's record.
 */
import type { Account, AccountRole, ActionEntry, ApiToken, LoginSession, Programme, SessionOwner } from './types.ts';

export interface AccountRow {
  id: string;
  email: string;
  name: string;
  organisation: string;
  role: AccountRole;
  password_hash: string | null;
  created_at: number;
  disabled_at: number | null;
}
export interface LoginRow {
  token_hash: string;
  account_id: string;
  created_at: number;
  expires_at: number;
}
export interface TokenRow {
  id: string;
  account_id: string;
  name: string;
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
}
export interface OwnerRow {
  session_id: string;
  account_id: string;
  organisation: string;
  title: string;
  created_at: number;
  link_version: number;
  facilitator_hash: string | null;
  screen_hash: string | null;
}
export interface ActionRow {
  session_id: string;
  at: number;
  actor: string;
  action: string;
}

export interface ProgrammeRow {
  id: string;
  organisation: string;
  name: string;
  created_by: string;
  created_at: number;
}

export const account = (r: AccountRow): Account => ({
  id: r.id,
  email: r.email,
  name: r.name,
  organisation: r.organisation,
  role: r.role,
  passwordHash: r.password_hash,
  createdAt: r.created_at,
  disabledAt: r.disabled_at,
});
export const login = (r: LoginRow): LoginSession => ({ tokenHash: r.token_hash, accountId: r.account_id, createdAt: r.created_at, expiresAt: r.expires_at });
export const token = (r: TokenRow): ApiToken => ({
  id: r.id,
  accountId: r.account_id,
  name: r.name,
  tokenHash: r.token_hash,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
});
export const owner = (r: OwnerRow): SessionOwner => ({
  sessionId: r.session_id,
  accountId: r.account_id,
  organisation: r.organisation,
  title: r.title,
  createdAt: r.created_at,
  linkVersion: r.link_version,
  facilitatorHash: r.facilitator_hash,
  screenHash: r.screen_hash,
});
export const programme = (r: ProgrammeRow): Programme => ({ id: r.id, organisation: r.organisation, name: r.name, createdBy: r.created_by, createdAt: r.created_at });
export const action = (r: ActionRow): ActionEntry => ({ sessionId: r.session_id, at: r.at, actor: r.actor, action: r.action });
