/**
 * Accounts of the people who run sessions (participants never have one), and the storage
 * seam for them. Kept apart from SessionStore on purpose: the session store runs in its own
 * worker thread and carries the hot path (commits); accounts are a handful of small reads
 * and writes per sign-in or page view, on their own connection to the same SQLite file.
 */
import type { Role } from '../../shared/accounts/policy.ts';

export type AccountRole = Role;

export interface Account {
  readonly id: string;
  /** Lower case, unique. */
  readonly email: string;
  readonly name: string;
  readonly organisation: string;
  readonly role: AccountRole;
  /** argon2id (PHC string); null for accounts that sign in through the organisation's identity provider only. */
  readonly passwordHash: string | null;
  readonly createdAt: number;
  /** When a beheerder disabled the account; a disabled account cannot sign in and its tokens stop working. */
  readonly disabledAt: number | null;
}

/** A signed-in browser: the cookie holds the token, the store its SHA-256. */
export interface LoginSession {
  readonly tokenHash: string;
  readonly accountId: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

/** A personal API token for scripts (`Authorization: Bearer …`); only its SHA-256 is stored. */
export interface ApiToken {
  readonly id: string;
  readonly accountId: string;
  readonly name: string;
  readonly tokenHash: string;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
}

/** Who made a session, and the owner's side of its links (see sessionLinks.ts). */
export interface SessionOwner {
  readonly sessionId: string;
  readonly accountId: string;
  readonly organisation: string;
  /** The title as created, for lists (the live title may change in the console). */
  readonly title: string;
  readonly createdAt: number;
  /** Bumped by each rotation: the links are derived from it. */
  readonly linkVersion: number;
  /** After a rotation: the hashes of the new links, which replace those in the session record. */
  readonly facilitatorHash: string | null;
  readonly screenHash: string | null;
}

/** One line of a session's action log: who did what, when. Never what people typed. */
export interface ActionEntry {
  readonly sessionId: string;
  readonly at: number;
  /** `account:<id>`, `link:facilitator` or `link:screen`. */
  readonly actor: string;
  /** A command or HTTP action name, e.g. `step:set`, `export.csv`, `links.rotate`. */
  readonly action: string;
}

/** A programme: sessions of one organisation grouped for insight across them (issue 12). */
export interface Programme {
  readonly id: string;
  readonly organisation: string;
  readonly name: string;
  /** The account that made it. */
  readonly createdBy: string;
  readonly createdAt: number;
}

/** Which sessions a list shows: one account's, or a whole organisation's. */
export type SessionScope = { readonly accountId: string } | { readonly organisation: string };

export interface AccountStore {
  countAccounts(): Promise<number>;
  createAccount(account: Account): Promise<void>;
  getAccount(id: string): Promise<Account | null>;
  findAccountByEmail(email: string): Promise<Account | null>;
  listAccounts(organisation: string): Promise<Account[]>;
  setDisabled(id: string, at: number | null): Promise<void>;

  createLogin(login: LoginSession): Promise<void>;
  findLogin(tokenHash: string): Promise<LoginSession | null>;
  deleteLogin(tokenHash: string): Promise<void>;
  /** Ends every login of an account (disabled). */
  deleteLoginsOf(accountId: string): Promise<void>;
  deleteExpiredLogins(now: number): Promise<void>;

  createApiToken(token: ApiToken): Promise<void>;
  findApiToken(tokenHash: string): Promise<ApiToken | null>;
  listApiTokens(accountId: string): Promise<ApiToken[]>;
  touchApiToken(id: string, at: number): Promise<void>;
  /** Deletes the token if it is this account's; returns whether it did. */
  deleteApiToken(accountId: string, id: string): Promise<boolean>;

  setSessionOwner(owner: SessionOwner): Promise<void>;
  getSessionOwner(sessionId: string): Promise<SessionOwner | null>;
  listOwnedSessions(scope: SessionScope): Promise<SessionOwner[]>;
  /** Stores rotated links: the new version and the new hashes. */
  rotateLinks(sessionId: string, version: number, facilitatorHash: string, screenHash: string): Promise<void>;
  /** Forgets a deleted session's owner and log (SQLite does this by cascade; the memory store needs telling). */
  forgetSession(sessionId: string): Promise<void>;

  /** Appends entries in one write; entries of sessions deleted meanwhile are skipped. */
  appendActions(entries: readonly ActionEntry[]): Promise<void>;
  listActions(sessionId: string, limit: number): Promise<ActionEntry[]>;

  createProgramme(programme: Programme): Promise<void>;
  getProgramme(id: string): Promise<Programme | null>;
  /** An organisation's programmes, newest first. */
  listProgrammes(organisation: string): Promise<Programme[]>;
  renameProgramme(id: string, name: string): Promise<void>;
  /** Deletes the programme and its list of sessions (never the sessions). */
  deleteProgramme(id: string): Promise<void>;
  /** Puts a session in a programme (again: nothing changes). */
  addProgrammeSession(programmeId: string, sessionId: string, at: number): Promise<void>;
  /** Takes a session out of a programme; returns whether it was in. */
  removeProgrammeSession(programmeId: string, sessionId: string): Promise<boolean>;
  /** The sessions of a programme, in the order they were added. */
  listProgrammeSessions(programmeId: string): Promise<string[]>;

  close(): Promise<void>;
}
