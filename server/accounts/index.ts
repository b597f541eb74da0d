/**
 * Accounts, put together for the app: the HTTP routes under /api (auth, accounts, tokens,
 * an account's sessions), the access checks the session API uses, the action log, and
 * the hooks the session hub and the socket server call. createApp builds one of these.
 */
import { Router } from 'express';
import type { Logger } from '../logger.ts';
import type { SessionHub } from '../sessions/sessionHub.ts';
import type { SessionRecord, SessionStore } from '../store/types.ts';
import { Access, type Principal } from './access.ts';
import { createAccountRouter } from './accountRoutes.ts';
import { ActionLog, type Actor } from './actionLog.ts';
import { createAuthRouter } from './authRoutes.ts';
import { LOGIN_COOKIE, cookieValue } from './credentials.ts';
import { createOidcRouter, type OidcOptions } from './oidc.ts';
import { ownerFacilitatorSecret, withRotatedLinks } from './sessionLinks.ts';
import { createSessionRouter } from './sessionRoutes.ts';
import type { SetupCode } from './setupCode.ts';
import { LoginThrottle } from './throttle.ts';
import type { AccountStore } from './types.ts';

export interface AccountsOptions {
  readonly store: AccountStore;
  /** The key owned sessions' links are derived from (sessionLinks.ts). */
  readonly linkKey: Buffer;
  /** The first account's set-up code (setupCode.ts). */
  readonly setup: SetupCode;
  /** Single sign-on; null or absent when not configured. */
  readonly oidc?: OidcOptions | null;
  /** Sessions one account may create in 24 hours (SESSIONS_PER_ACCOUNT_PER_DAY, default 50). */
  readonly sessionsPerDay?: number;
}

export const SESSIONS_PER_ACCOUNT_PER_DAY = 50;

export interface AccountsDeps extends AccountsOptions {
  readonly sessions: SessionStore;
  readonly logger: Logger;
  readonly now: () => number;
  readonly allowedOrigins: readonly string[];
  readonly trustProxy: boolean;
}

/** Lays rotated links over a stored session record (SessionHub's recordOverlay). */
export const rotatedLinksOverlay =
  (store: AccountStore) =>
  async (record: SessionRecord): Promise<SessionRecord> =>
    withRotatedLinks(record, await store.getSessionOwner(record.id));

export class Accounts {
  readonly access: Access;
  readonly actions: ActionLog;
  readonly router: Router;
  readonly store: AccountStore;
  readonly #linkKey: Buffer;
  readonly #now: () => number;
  readonly #sessionsPerDay: number;
  /** Per connection (engine socket): the sign-in token its handshake carried, and who that makes it per session. */
  readonly #connections = new WeakMap<object, { token: string | null; actors: Map<string, Promise<Actor>> }>();

  constructor(deps: AccountsDeps, hub: SessionHub, dropOperators: (sessionId: string) => void) {
    this.store = deps.store;
    this.#linkKey = deps.linkKey;
    this.#now = deps.now;
    this.#sessionsPerDay = deps.sessionsPerDay ?? SESSIONS_PER_ACCOUNT_PER_DAY;
    this.access = new Access({ store: deps.store, hub, now: deps.now, allowedOrigins: deps.allowedOrigins });
    this.actions = new ActionLog(deps.store, deps.now, deps.logger);
    const common = { store: deps.store, access: this.access, now: deps.now, logger: deps.logger };
    this.router = Router();
    this.router.use(
      '/auth',
      createAuthRouter({ ...common, throttle: new LoginThrottle(), setup: deps.setup, allowedOrigins: deps.allowedOrigins, oidc: !!deps.oidc }),
    );
    if (deps.oidc) this.router.use('/auth/oidc', createOidcRouter({ ...common, options: deps.oidc }));
    this.router.use(createAccountRouter(common));
    this.router.use(
      createSessionRouter({
        accounts: deps.store,
        sessions: deps.sessions,
        hub,
        access: this.access,
        actions: this.actions,
        linkKey: deps.linkKey,
        logger: deps.logger,
        dropOperators,
      }),
    );
  }

  /** The facilitator secret of a session an account creates: derived, so its owner can be given it again. */
  facilitatorSecretFor = (sessionId: string): string => ownerFacilitatorSecret(this.#linkKey, sessionId, 0);

  /**
   * Whether this account may create another session now: at most `sessionsPerDay` in the last
   * 24 hours (a quota per person, beside the one per address in server/limits), so one
   * account, or a leaked API token, cannot fill the disk with sessions.
   */
  async mayCreateSession(principal: Principal): Promise<boolean> {
    const since = this.#now() - 24 * 3_600_000;
    const owned = await this.store.listOwnedSessions({ accountId: principal.account.id });
    return owned.filter((o) => o.createdAt > since).length < this.#sessionsPerDay;
  }

  async sessionCreated(principal: Principal, sessionId: string, title: string): Promise<void> {
    const { account } = principal;
    await this.store.setSessionOwner({
      sessionId,
      accountId: account.id,
      organisation: account.organisation,
      title,
      createdAt: this.#now(),
      linkVersion: 0,
      facilitatorHash: null,
      screenHash: null,
    });
    this.actions.record(sessionId, { accountId: account.id }, 'session.create');
  }

  /** Keeps the sign-in token of a new socket connection (its HTTP request is dropped after the handshake). */
  rememberConnection(connection: object, cookieHeader: string | undefined): void {
    this.#connections.set(connection, { token: cookieValue(cookieHeader, LOGIN_COOKIE), actors: new Map() });
  }

  /**
   * Records a facilitator's socket command. The actor is the signed-in account when the
   * connection's handshake carried the cookie of one that may control this session,
   * otherwise "the facilitator link" (a co-facilitator, or the owner on a device not signed in).
   */
  recordSocketAction(connection: object, sessionId: string, action: string): void {
    const known = this.#connections.get(connection);
    let actor = known?.actors.get(sessionId);
    if (!actor) {
      actor = this.#socketActor(known?.token ?? null, sessionId);
      known?.actors.set(sessionId, actor);
    }
    void actor.then((a) => this.actions.record(sessionId, a, action));
  }

  async #socketActor(token: string | null, sessionId: string): Promise<Actor> {
    const principal = token ? await this.access.accountOfLogin(token) : null;
    if (!principal) return 'link:facilitator';
    const owner = await this.store.getSessionOwner(sessionId);
    const { account } = principal;
    const mayControl = owner && (owner.accountId === account.id || (owner.organisation === account.organisation && account.role === 'beheerder'));
    return mayControl ? { accountId: account.id } : 'link:facilitator';
  }

  async forget(sessionId: string): Promise<void> {
    this.actions.forget(sessionId);
    await this.store.forgetSession(sessionId);
  }
}
