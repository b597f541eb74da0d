/** The account store in memory, for tests and for the server without a database file. */
import type { AccountStore, Account, ActionEntry, ApiToken, LoginSession, Programme, SessionOwner, SessionScope } from './types.ts';

export class MemoryAccountStore implements AccountStore {
  readonly #accounts = new Map<string, Account>();
  readonly #logins = new Map<string, LoginSession>();
  readonly #tokens = new Map<string, ApiToken>();
  readonly #owners = new Map<string, SessionOwner>();
  readonly #actions = new Map<string, ActionEntry[]>();
  readonly #programmes = new Map<string, Programme>();
  /** Programme id → session ids, in the order added. */
  readonly #programmeSessions = new Map<string, string[]>();

  async countAccounts(): Promise<number> {
    return this.#accounts.size;
  }
  async createAccount(account: Account): Promise<void> {
    if ([...this.#accounts.values()].some((a) => a.email === account.email)) throw new Error('UNIQUE constraint failed: accounts.email');
    this.#accounts.set(account.id, account);
  }
  async getAccount(id: string): Promise<Account | null> {
    return this.#accounts.get(id) ?? null;
  }
  async findAccountByEmail(email: string): Promise<Account | null> {
    return [...this.#accounts.values()].find((a) => a.email === email) ?? null;
  }
  async listAccounts(organisation: string): Promise<Account[]> {
    return [...this.#accounts.values()].filter((a) => a.organisation === organisation).sort((a, b) => a.email.localeCompare(b.email));
  }
  async setDisabled(id: string, at: number | null): Promise<void> {
    const a = this.#accounts.get(id);
    if (a) this.#accounts.set(id, { ...a, disabledAt: at });
  }

  async createLogin(login: LoginSession): Promise<void> {
    this.#logins.set(login.tokenHash, login);
  }
  async findLogin(tokenHash: string): Promise<LoginSession | null> {
    return this.#logins.get(tokenHash) ?? null;
  }
  async deleteLogin(tokenHash: string): Promise<void> {
    this.#logins.delete(tokenHash);
  }
  async deleteLoginsOf(accountId: string): Promise<void> {
    for (const [k, l] of this.#logins) if (l.accountId === accountId) this.#logins.delete(k);
  }
  async deleteExpiredLogins(now: number): Promise<void> {
    for (const [k, l] of this.#logins) if (l.expiresAt <= now) this.#logins.delete(k);
  }

  async createApiToken(token: ApiToken): Promise<void> {
    this.#tokens.set(token.id, token);
  }
  async findApiToken(tokenHash: string): Promise<ApiToken | null> {
    return [...this.#tokens.values()].find((t) => t.tokenHash === tokenHash) ?? null;
  }
  async listApiTokens(accountId: string): Promise<ApiToken[]> {
    return [...this.#tokens.values()].filter((t) => t.accountId === accountId).sort((a, b) => a.createdAt - b.createdAt);
  }
  async touchApiToken(id: string, at: number): Promise<void> {
    const t = this.#tokens.get(id);
    if (t) this.#tokens.set(id, { ...t, lastUsedAt: at });
  }
  async deleteApiToken(accountId: string, id: string): Promise<boolean> {
    const t = this.#tokens.get(id);
    if (!t || t.accountId !== accountId) return false;
    return this.#tokens.delete(id);
  }

  async setSessionOwner(owner: SessionOwner): Promise<void> {
    this.#owners.set(owner.sessionId, owner);
  }
  async getSessionOwner(sessionId: string): Promise<SessionOwner | null> {
    return this.#owners.get(sessionId) ?? null;
  }
  async listOwnedSessions(scope: SessionScope): Promise<SessionOwner[]> {
    return [...this.#owners.values()]
      .filter((o) => ('accountId' in scope ? o.accountId === scope.accountId : o.organisation === scope.organisation))
      .sort((a, b) => b.createdAt - a.createdAt);
  }
  async rotateLinks(sessionId: string, version: number, facilitatorHash: string, screenHash: string): Promise<void> {
    const o = this.#owners.get(sessionId);
    if (o) this.#owners.set(sessionId, { ...o, linkVersion: version, facilitatorHash, screenHash });
  }
  async forgetSession(sessionId: string): Promise<void> {
    this.#owners.delete(sessionId);
    this.#actions.delete(sessionId);
    for (const [id, list] of this.#programmeSessions) this.#programmeSessions.set(id, list.filter((s) => s !== sessionId));
  }

  async appendActions(entries: readonly ActionEntry[]): Promise<void> {
    for (const entry of entries) {
      const list = this.#actions.get(entry.sessionId) ?? [];
      list.push(entry);
      this.#actions.set(entry.sessionId, list);
    }
  }
  async listActions(sessionId: string, limit: number): Promise<ActionEntry[]> {
    return (this.#actions.get(sessionId) ?? []).slice(-limit).reverse();
  }

  async createProgramme(programme: Programme): Promise<void> {
    this.#programmes.set(programme.id, programme);
    this.#programmeSessions.set(programme.id, []);
  }
  async getProgramme(id: string): Promise<Programme | null> {
    return this.#programmes.get(id) ?? null;
  }
  async listProgrammes(organisation: string): Promise<Programme[]> {
    return [...this.#programmes.values()].filter((p) => p.organisation === organisation).sort((a, b) => b.createdAt - a.createdAt);
  }
  async renameProgramme(id: string, name: string): Promise<void> {
    const p = this.#programmes.get(id);
    if (p) this.#programmes.set(id, { ...p, name });
  }
  async deleteProgramme(id: string): Promise<void> {
    this.#programmes.delete(id);
    this.#programmeSessions.delete(id);
  }
  async addProgrammeSession(programmeId: string, sessionId: string): Promise<void> {
    const list = this.#programmeSessions.get(programmeId);
    if (!list) throw new Error('FOREIGN KEY constraint failed: programme_sessions.programme_id');
    if (!list.includes(sessionId)) list.push(sessionId);
  }
  async removeProgrammeSession(programmeId: string, sessionId: string): Promise<boolean> {
    const list = this.#programmeSessions.get(programmeId);
    const i = list?.indexOf(sessionId) ?? -1;
    if (i < 0) return false;
    list!.splice(i, 1);
    return true;
  }
  async listProgrammeSessions(programmeId: string): Promise<string[]> {
    return [...(this.#programmeSessions.get(programmeId) ?? [])];
  }

  async close(): Promise<void> {}
}
