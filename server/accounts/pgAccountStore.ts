/**
 * The account store on PostgreSQL (when DATABASE_URL is set), beside the session store in the
 * same database: every server of a cluster sees the same accounts, logins, tokens, owners and
 * action logs. Tables: server/store/pgMigrations.ts (migration 2). The same behaviour as
 * SqliteAccountStore; the account store contract runs against both.
 */
import type pg from 'pg';
import { inTransaction, openPgPool, type PgPoolOptions } from '../store/pgPool.ts';
import { account, login, token, owner, programme, action, type AccountRow, type LoginRow, type TokenRow, type OwnerRow, type ActionRow, type ProgrammeRow } from './accountRows.ts';
import type { Account, AccountStore, ActionEntry, ApiToken, LoginSession, Programme, SessionOwner, SessionScope } from './types.ts';

export class PgAccountStore implements AccountStore {
  readonly #pool: pg.Pool;
  #closed = false;

  /** Connects (a small pool: account traffic is a few queries per sign-in or page) and migrates. */
  static async open(connectionString: string, options: PgPoolOptions = {}): Promise<PgAccountStore> {
    return new PgAccountStore(await openPgPool(connectionString, { maxConnections: 4, ...options }));
  }

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async #rows<R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<R[]> {
    return (await this.#pool.query<R>(sql, values)).rows;
  }

  async countAccounts(): Promise<number> {
    return (await this.#rows<{ n: number }>('SELECT COUNT(*)::int AS n FROM accounts'))[0]!.n;
  }
  async createAccount(a: Account): Promise<void> {
    await this.#pool.query(
      'INSERT INTO accounts (id, email, name, organisation, role, password_hash, created_at, disabled_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [a.id, a.email, a.name, a.organisation, a.role, a.passwordHash, a.createdAt, a.disabledAt],
    );
  }
  async getAccount(id: string): Promise<Account | null> {
    const [r] = await this.#rows<AccountRow>('SELECT * FROM accounts WHERE id = $1', [id]);
    return r ? account(r) : null;
  }
  async findAccountByEmail(email: string): Promise<Account | null> {
    const [r] = await this.#rows<AccountRow>('SELECT * FROM accounts WHERE email = $1', [email]);
    return r ? account(r) : null;
  }
  async listAccounts(organisation: string): Promise<Account[]> {
    return (await this.#rows<AccountRow>('SELECT * FROM accounts WHERE organisation = $1 ORDER BY email', [organisation])).map(account);
  }
  async setDisabled(id: string, at: number | null): Promise<void> {
    await this.#pool.query('UPDATE accounts SET disabled_at = $1 WHERE id = $2', [at, id]);
  }

  async createLogin(l: LoginSession): Promise<void> {
    await this.#pool.query('INSERT INTO logins (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
      l.tokenHash,
      l.accountId,
      l.createdAt,
      l.expiresAt,
    ]);
  }
  async findLogin(tokenHash: string): Promise<LoginSession | null> {
    const [r] = await this.#rows<LoginRow>('SELECT * FROM logins WHERE token_hash = $1', [tokenHash]);
    return r ? login(r) : null;
  }
  async deleteLogin(tokenHash: string): Promise<void> {
    await this.#pool.query('DELETE FROM logins WHERE token_hash = $1', [tokenHash]);
  }
  async deleteLoginsOf(accountId: string): Promise<void> {
    await this.#pool.query('DELETE FROM logins WHERE account_id = $1', [accountId]);
  }
  async deleteExpiredLogins(now: number): Promise<void> {
    await this.#pool.query('DELETE FROM logins WHERE expires_at <= $1', [now]);
  }

  async createApiToken(t: ApiToken): Promise<void> {
    await this.#pool.query('INSERT INTO api_tokens (id, account_id, name, token_hash, created_at, last_used_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      t.id,
      t.accountId,
      t.name,
      t.tokenHash,
      t.createdAt,
      t.lastUsedAt,
    ]);
  }
  async findApiToken(tokenHash: string): Promise<ApiToken | null> {
    const [r] = await this.#rows<TokenRow>('SELECT * FROM api_tokens WHERE token_hash = $1', [tokenHash]);
    return r ? token(r) : null;
  }
  async listApiTokens(accountId: string): Promise<ApiToken[]> {
    return (await this.#rows<TokenRow>('SELECT * FROM api_tokens WHERE account_id = $1 ORDER BY created_at', [accountId])).map(token);
  }
  async touchApiToken(id: string, at: number): Promise<void> {
    await this.#pool.query('UPDATE api_tokens SET last_used_at = $1 WHERE id = $2', [at, id]);
  }
  async deleteApiToken(accountId: string, id: string): Promise<boolean> {
    return ((await this.#pool.query('DELETE FROM api_tokens WHERE id = $1 AND account_id = $2', [id, accountId])).rowCount ?? 0) > 0;
  }

  async setSessionOwner(o: SessionOwner): Promise<void> {
    await this.#pool.query(
      `INSERT INTO session_owners (session_id, account_id, organisation, title, created_at, link_version, facilitator_hash, screen_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (session_id) DO UPDATE SET account_id = excluded.account_id, organisation = excluded.organisation, title = excluded.title`,
      [o.sessionId, o.accountId, o.organisation, o.title, o.createdAt, o.linkVersion, o.facilitatorHash, o.screenHash],
    );
  }
  async getSessionOwner(sessionId: string): Promise<SessionOwner | null> {
    const [r] = await this.#rows<OwnerRow>('SELECT * FROM session_owners WHERE session_id = $1', [sessionId]);
    return r ? owner(r) : null;
  }
  async listOwnedSessions(scope: SessionScope): Promise<SessionOwner[]> {
    const rows =
      'accountId' in scope
        ? await this.#rows<OwnerRow>('SELECT * FROM session_owners WHERE account_id = $1 ORDER BY created_at DESC', [scope.accountId])
        : await this.#rows<OwnerRow>('SELECT * FROM session_owners WHERE organisation = $1 ORDER BY created_at DESC', [scope.organisation]);
    return rows.map(owner);
  }
  async rotateLinks(sessionId: string, version: number, facilitatorHash: string, screenHash: string): Promise<void> {
    await this.#pool.query('UPDATE session_owners SET link_version = $1, facilitator_hash = $2, screen_hash = $3 WHERE session_id = $4', [
      version,
      facilitatorHash,
      screenHash,
      sessionId,
    ]);
  }
  async forgetSession(sessionId: string): Promise<void> {
    // Normally gone already by ON DELETE CASCADE from sessions; harmless when it is.
    await inTransaction(this.#pool, async (c) => {
      await c.query('DELETE FROM session_owners WHERE session_id = $1', [sessionId]);
      await c.query('DELETE FROM session_actions WHERE session_id = $1', [sessionId]);
      await c.query('DELETE FROM programme_sessions WHERE session_id = $1', [sessionId]);
    });
  }

  async appendActions(entries: readonly ActionEntry[]): Promise<void> {
    if (entries.length === 0) return;
    // One statement; entries of sessions deleted meanwhile are skipped (the join finds no row).
    // A session deleted between the join and the insert fails the foreign key: once more, then
    // the join leaves it out.
    try {
      await this.#insertActions(entries);
    } catch (err) {
      if ((err as { code?: string }).code !== '23503') throw err;
      await this.#insertActions(entries);
    }
  }
  async #insertActions(entries: readonly ActionEntry[]): Promise<void> {
    await this.#pool.query(
      `INSERT INTO session_actions (session_id, at, actor, action)
       SELECT e.session_id, e.at, e.actor, e.action
       FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[]) WITH ORDINALITY AS e (session_id, at, actor, action, n)
       JOIN sessions s ON s.id = e.session_id
       ORDER BY e.n`,
      [entries.map((e) => e.sessionId), entries.map((e) => e.at), entries.map((e) => e.actor), entries.map((e) => e.action)],
    );
  }
  async listActions(sessionId: string, limit: number): Promise<ActionEntry[]> {
    return (await this.#rows<ActionRow>('SELECT session_id, at, actor, action FROM session_actions WHERE session_id = $1 ORDER BY at DESC, id DESC LIMIT $2', [sessionId, limit])).map(action);
  }

  async createProgramme(p: Programme): Promise<void> {
    await this.#pool.query('INSERT INTO programmes (id, organisation, name, created_by, created_at) VALUES ($1, $2, $3, $4, $5)', [
      p.id,
      p.organisation,
      p.name,
      p.createdBy,
      p.createdAt,
    ]);
  }
  async getProgramme(id: string): Promise<Programme | null> {
    const [r] = await this.#rows<ProgrammeRow>('SELECT * FROM programmes WHERE id = $1', [id]);
    return r ? programme(r) : null;
  }
  async listProgrammes(organisation: string): Promise<Programme[]> {
    return (await this.#rows<ProgrammeRow>('SELECT * FROM programmes WHERE organisation = $1 ORDER BY created_at DESC, n DESC', [organisation])).map(programme);
  }
  async renameProgramme(id: string, name: string): Promise<void> {
    await this.#pool.query('UPDATE programmes SET name = $1 WHERE id = $2', [name, id]);
  }
  async deleteProgramme(id: string): Promise<void> {
    // Its list of sessions goes by ON DELETE CASCADE.
    await this.#pool.query('DELETE FROM programmes WHERE id = $1', [id]);
  }
  async addProgrammeSession(programmeId: string, sessionId: string, at: number): Promise<void> {
    await this.#pool.query('INSERT INTO programme_sessions (programme_id, session_id, added_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [programmeId, sessionId, at]);
  }
  async removeProgrammeSession(programmeId: string, sessionId: string): Promise<boolean> {
    return ((await this.#pool.query('DELETE FROM programme_sessions WHERE programme_id = $1 AND session_id = $2', [programmeId, sessionId])).rowCount ?? 0) > 0;
  }
  async listProgrammeSessions(programmeId: string): Promise<string[]> {
    return (await this.#rows<{ session_id: string }>('SELECT session_id FROM programme_sessions WHERE programme_id = $1 ORDER BY added_at, n', [programmeId])).map((r) => r.session_id);
  }

  /** Closes every connection. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }
}
