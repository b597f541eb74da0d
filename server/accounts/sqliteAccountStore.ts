/**
 * The account store on the server's SQLite file, through its own better-sqlite3 connection
 * (WAL lets it read and write beside the session store's worker thread). The tables come
 * from the session store's migrations (migration 5, 'accounts'), which must have run first: open this
 * after the session store.
 *
 * Account writes are rare and tiny (a sign-in, a token, a batch of log lines), so they run
 * synchronously on the main thread; the busy timeout covers the moments the session store's
 * writer holds the lock.
 */
import Database from 'better-sqlite3';
import { LATEST_VERSION } from '../store/migrations.ts';
import { account, login, token, owner, programme, action, type AccountRow, type LoginRow, type TokenRow, type OwnerRow, type ActionRow, type ProgrammeRow } from './accountRows.ts';
import type { Account, AccountStore, ActionEntry, ApiToken, LoginSession, Programme, SessionOwner, SessionScope } from './types.ts';

export class SqliteAccountStore implements AccountStore {
  readonly #db: Database.Database;
  readonly #q;

  /** Opens the file the session store has opened (and migrated) already. */
  static open(file: string): SqliteAccountStore {
    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = FULL');
    // WAL checkpoints are the session store's (its worker thread): never on this, the main, thread.
    db.pragma('wal_autocheckpoint = 0');
    const version = Number(db.pragma('user_version', { simple: true }));
    const hasTables = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'accounts'").get() !== undefined;
    if (!hasTables || version > LATEST_VERSION) {
      db.close();
      throw new Error(`account tables missing or newer: database schema version ${version} (open the session store first)`);
    }
    return new SqliteAccountStore(db);
  }

  private constructor(db: Database.Database) {
    this.#db = db;
    this.#q = {
      count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM accounts'),
      insertAccount: db.prepare<[AccountRow]>(
        'INSERT INTO accounts (id, email, name, organisation, role, password_hash, created_at, disabled_at) VALUES (@id, @email, @name, @organisation, @role, @password_hash, @created_at, @disabled_at)',
      ),
      accountById: db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE id = ?'),
      accountByEmail: db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE email = ?'),
      accountsOf: db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE organisation = ? ORDER BY email'),
      disable: db.prepare<[number | null, string]>('UPDATE accounts SET disabled_at = ? WHERE id = ?'),

      insertLogin: db.prepare<[LoginRow]>('INSERT INTO logins (token_hash, account_id, created_at, expires_at) VALUES (@token_hash, @account_id, @created_at, @expires_at)'),
      login: db.prepare<[string], LoginRow>('SELECT * FROM logins WHERE token_hash = ?'),
      deleteLogin: db.prepare<[string]>('DELETE FROM logins WHERE token_hash = ?'),
      deleteLoginsOf: db.prepare<[string]>('DELETE FROM logins WHERE account_id = ?'),
      deleteExpired: db.prepare<[number]>('DELETE FROM logins WHERE expires_at <= ?'),

      insertToken: db.prepare<[TokenRow]>(
        'INSERT INTO api_tokens (id, account_id, name, token_hash, created_at, last_used_at) VALUES (@id, @account_id, @name, @token_hash, @created_at, @last_used_at)',
      ),
      token: db.prepare<[string], TokenRow>('SELECT * FROM api_tokens WHERE token_hash = ?'),
      tokensOf: db.prepare<[string], TokenRow>('SELECT * FROM api_tokens WHERE account_id = ? ORDER BY created_at'),
      touchToken: db.prepare<[number, string]>('UPDATE api_tokens SET last_used_at = ? WHERE id = ?'),
      deleteToken: db.prepare<[string, string]>('DELETE FROM api_tokens WHERE id = ? AND account_id = ?'),

      upsertOwner: db.prepare<[OwnerRow]>(
        `INSERT INTO session_owners (session_id, account_id, organisation, title, created_at, link_version, facilitator_hash, screen_hash)
         VALUES (@session_id, @account_id, @organisation, @title, @created_at, @link_version, @facilitator_hash, @screen_hash)
         ON CONFLICT (session_id) DO UPDATE SET account_id = excluded.account_id, organisation = excluded.organisation, title = excluded.title`,
      ),
      owner: db.prepare<[string], OwnerRow>('SELECT * FROM session_owners WHERE session_id = ?'),
      ownedBy: db.prepare<[string], OwnerRow>('SELECT * FROM session_owners WHERE account_id = ? ORDER BY created_at DESC'),
      ownedIn: db.prepare<[string], OwnerRow>('SELECT * FROM session_owners WHERE organisation = ? ORDER BY created_at DESC'),
      rotate: db.prepare<[number, string, string, string]>('UPDATE session_owners SET link_version = ?, facilitator_hash = ?, screen_hash = ? WHERE session_id = ?'),
      forgetOwner: db.prepare<[string]>('DELETE FROM session_owners WHERE session_id = ?'),
      forgetActions: db.prepare<[string]>('DELETE FROM session_actions WHERE session_id = ?'),

      insertAction: db.prepare<[ActionRow]>('INSERT INTO session_actions (session_id, at, actor, action) VALUES (@session_id, @at, @actor, @action)'),
      actions: db.prepare<[string, number], ActionRow>('SELECT * FROM session_actions WHERE session_id = ? ORDER BY at DESC, rowid DESC LIMIT ?'),

      insertProgramme: db.prepare<[ProgrammeRow]>(
        'INSERT INTO programmes (id, organisation, name, created_by, created_at) VALUES (@id, @organisation, @name, @created_by, @created_at)',
      ),
      programme: db.prepare<[string], ProgrammeRow>('SELECT * FROM programmes WHERE id = ?'),
      programmesOf: db.prepare<[string], ProgrammeRow>('SELECT * FROM programmes WHERE organisation = ? ORDER BY created_at DESC, rowid DESC'),
      renameProgramme: db.prepare<[string, string]>('UPDATE programmes SET name = ? WHERE id = ?'),
      deleteProgramme: db.prepare<[string]>('DELETE FROM programmes WHERE id = ?'),
      addProgrammeSession: db.prepare<[string, string, number]>('INSERT OR IGNORE INTO programme_sessions (programme_id, session_id, added_at) VALUES (?, ?, ?)'),
      removeProgrammeSession: db.prepare<[string, string]>('DELETE FROM programme_sessions WHERE programme_id = ? AND session_id = ?'),
      programmeSessions: db.prepare<[string], { session_id: string }>('SELECT session_id FROM programme_sessions WHERE programme_id = ? ORDER BY added_at, rowid'),
      forgetMemberships: db.prepare<[string]>('DELETE FROM programme_sessions WHERE session_id = ?'),
    };
  }

  async countAccounts(): Promise<number> {
    return this.#q.count.get()!.n;
  }
  async createAccount(a: Account): Promise<void> {
    this.#q.insertAccount.run({
      id: a.id,
      email: a.email,
      name: a.name,
      organisation: a.organisation,
      role: a.role,
      password_hash: a.passwordHash,
      created_at: a.createdAt,
      disabled_at: a.disabledAt,
    });
  }
  async getAccount(id: string): Promise<Account | null> {
    const r = this.#q.accountById.get(id);
    return r ? account(r) : null;
  }
  async findAccountByEmail(email: string): Promise<Account | null> {
    const r = this.#q.accountByEmail.get(email);
    return r ? account(r) : null;
  }
  async listAccounts(organisation: string): Promise<Account[]> {
    return this.#q.accountsOf.all(organisation).map(account);
  }
  async setDisabled(id: string, at: number | null): Promise<void> {
    this.#q.disable.run(at, id);
  }

  async createLogin(l: LoginSession): Promise<void> {
    this.#q.insertLogin.run({ token_hash: l.tokenHash, account_id: l.accountId, created_at: l.createdAt, expires_at: l.expiresAt });
  }
  async findLogin(tokenHash: string): Promise<LoginSession | null> {
    const r = this.#q.login.get(tokenHash);
    return r ? login(r) : null;
  }
  async deleteLogin(tokenHash: string): Promise<void> {
    this.#q.deleteLogin.run(tokenHash);
  }
  async deleteLoginsOf(accountId: string): Promise<void> {
    this.#q.deleteLoginsOf.run(accountId);
  }
  async deleteExpiredLogins(now: number): Promise<void> {
    this.#q.deleteExpired.run(now);
  }

  async createApiToken(t: ApiToken): Promise<void> {
    this.#q.insertToken.run({ id: t.id, account_id: t.accountId, name: t.name, token_hash: t.tokenHash, created_at: t.createdAt, last_used_at: t.lastUsedAt });
  }
  async findApiToken(tokenHash: string): Promise<ApiToken | null> {
    const r = this.#q.token.get(tokenHash);
    return r ? token(r) : null;
  }
  async listApiTokens(accountId: string): Promise<ApiToken[]> {
    return this.#q.tokensOf.all(accountId).map(token);
  }
  async touchApiToken(id: string, at: number): Promise<void> {
    this.#q.touchToken.run(at, id);
  }
  async deleteApiToken(accountId: string, id: string): Promise<boolean> {
    return this.#q.deleteToken.run(id, accountId).changes > 0;
  }

  async setSessionOwner(o: SessionOwner): Promise<void> {
    this.#q.upsertOwner.run({
      session_id: o.sessionId,
      account_id: o.accountId,
      organisation: o.organisation,
      title: o.title,
      created_at: o.createdAt,
      link_version: o.linkVersion,
      facilitator_hash: o.facilitatorHash,
      screen_hash: o.screenHash,
    });
  }
  async getSessionOwner(sessionId: string): Promise<SessionOwner | null> {
    const r = this.#q.owner.get(sessionId);
    return r ? owner(r) : null;
  }
  async listOwnedSessions(scope: SessionScope): Promise<SessionOwner[]> {
    return ('accountId' in scope ? this.#q.ownedBy.all(scope.accountId) : this.#q.ownedIn.all(scope.organisation)).map(owner);
  }
  async rotateLinks(sessionId: string, version: number, facilitatorHash: string, screenHash: string): Promise<void> {
    this.#q.rotate.run(version, facilitatorHash, screenHash, sessionId);
  }
  async forgetSession(sessionId: string): Promise<void> {
    // Normally gone already by ON DELETE CASCADE from sessions; harmless when it is.
    this.#q.forgetOwner.run(sessionId);
    this.#q.forgetActions.run(sessionId);
    this.#q.forgetMemberships.run(sessionId);
  }

  async appendActions(entries: readonly ActionEntry[]): Promise<void> {
    this.#appendActions(entries);
  }
  readonly #appendActions = (entries: readonly ActionEntry[]) =>
    this.#db.transaction(() => {
      for (const e of entries) {
        try {
          this.#q.insertAction.run({ session_id: e.sessionId, at: e.at, actor: e.actor, action: e.action });
        } catch (err) {
          // The session was deleted a moment ago (foreign key): nothing left to log against.
          if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw err;
        }
      }
    })();
  async listActions(sessionId: string, limit: number): Promise<ActionEntry[]> {
    return this.#q.actions.all(sessionId, limit).map(action);
  }

  async createProgramme(p: Programme): Promise<void> {
    this.#q.insertProgramme.run({ id: p.id, organisation: p.organisation, name: p.name, created_by: p.createdBy, created_at: p.createdAt });
  }
  async getProgramme(id: string): Promise<Programme | null> {
    const r = this.#q.programme.get(id);
    return r ? programme(r) : null;
  }
  async listProgrammes(organisation: string): Promise<Programme[]> {
    return this.#q.programmesOf.all(organisation).map(programme);
  }
  async renameProgramme(id: string, name: string): Promise<void> {
    this.#q.renameProgramme.run(name, id);
  }
  async deleteProgramme(id: string): Promise<void> {
    // Its list of sessions goes by ON DELETE CASCADE.
    this.#q.deleteProgramme.run(id);
  }
  async addProgrammeSession(programmeId: string, sessionId: string, at: number): Promise<void> {
    this.#q.addProgrammeSession.run(programmeId, sessionId, at);
  }
  async removeProgrammeSession(programmeId: string, sessionId: string): Promise<boolean> {
    return this.#q.removeProgrammeSession.run(programmeId, sessionId).changes > 0;
  }
  async listProgrammeSessions(programmeId: string): Promise<string[]> {
    return this.#q.programmeSessions.all(programmeId).map((r) => r.session_id);
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}
