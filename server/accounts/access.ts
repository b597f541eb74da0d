/**
 * Applies the permission table (permissions.ts) to HTTP requests: finds who is asking (the
 * sign-in cookie, a personal API token, or a session's facilitator link as a Bearer token),
 * refuses cookie-signed state changes from other origins, and answers 401/403 itself.
 */
import type { NextFunction, Request, Response } from 'express';
import { addMessages, t, type MessageKey } from '../../shared/i18n/index.ts';
import { nlAccount } from '../../shared/i18n/nl/account.ts';
import type { ErrorCode } from '../../shared/protocol/ack.ts';
import { originAllowed } from '../http/origin.ts';
import { secretMatches } from '../secrets.ts';
import type { LiveSession, SessionHub } from '../sessions/sessionHub.ts';
import type { Actor } from './actionLog.ts';
import { API_TOKEN_PREFIX, LOGIN_COOKIE, bearer, cookieValue, tokenHash } from './credentials.ts';
import { decide, type Action, type OwnerInfo, type Subject } from './permissions.ts';
import type { Account, AccountStore, Programme, SessionOwner } from './types.ts';

// The server answers in Dutch; the account errors live in the account part of the dictionary.
addMessages('nl', nlAccount);

export interface Principal {
  readonly account: Account;
  /** How the request proved it: a browser's cookie (then Origin is checked) or an API token. */
  readonly via: 'cookie' | 'token';
  /** The login's token hash (cookie only), to end it on sign-out. */
  readonly loginHash?: string;
}

export interface AccessDeps {
  readonly store: AccountStore;
  readonly hub: SessionHub;
  readonly now: () => number;
  /** Other page origins allowed (ALLOWED_ORIGINS, PUBLIC_URL's). */
  readonly allowedOrigins: readonly string[];
}

export function fail(res: Response, status: number, code: ErrorCode, key: MessageKey, detail?: string): void {
  // `detail` apart too, so a page in another language can fill in its own text.
  res.status(status).json({ ok: false, code, key, error: t('nl', key, detail ? { detail } : undefined), ...(detail ? { detail } : {}) });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class Access {
  readonly #principals = new WeakMap<Request, Promise<Principal | null>>();

  constructor(private readonly deps: AccessDeps) {}

  /** The signed-in account of this request, or null (looked up once per request). */
  principal(req: Request): Promise<Principal | null> {
    let p = this.#principals.get(req);
    if (!p) {
      p = this.#identify(req);
      this.#principals.set(req, p);
    }
    return p;
  }

  async #identify(req: Request): Promise<Principal | null> {
    const { store, now } = this.deps;
    const token = bearer(req);
    if (token?.startsWith(API_TOKEN_PREFIX)) {
      const found = await store.findApiToken(tokenHash(token));
      const account = found && (await store.getAccount(found.accountId));
      if (!found || !account || account.disabledAt !== null) return null;
      // "Last used" to the minute is enough, and spares a disk write per scripted request.
      if (found.lastUsedAt === null || now() - found.lastUsedAt > 60_000) await store.touchApiToken(found.id, now());
      return { account, via: 'token' };
    }
    const cookie = cookieValue(req.get('cookie'), LOGIN_COOKIE);
    if (!cookie) return null;
    return this.accountOfLogin(cookie);
  }

  /** The account behind a sign-in cookie's token (also used for sockets, whose handshake carries the cookie). */
  async accountOfLogin(token: string): Promise<Principal | null> {
    const { store, now } = this.deps;
    const hash = tokenHash(token);
    const login = await store.findLogin(hash);
    if (!login || login.expiresAt <= now()) return null;
    const account = await store.getAccount(login.accountId);
    if (!account || account.disabledAt !== null) return null;
    return { account, via: 'cookie', loginHash: hash };
  }

  /**
   * A cookie travels with every request the browser makes to us, whoever's page asked for
   * it; SameSite=Strict stops other sites, and this stops the rest (a sibling host, an old
   * browser): a state change signed by cookie must come from one of our pages.
   */
  originOk(req: Request): boolean {
    if (SAFE_METHODS.has(req.method)) return true;
    const origin = req.get('origin');
    return !!origin && originAllowed(origin, req.get('host'), this.deps.allowedOrigins);
  }

  /** Middleware for account routes: a signed-in account the table lets do `action`, else 401/403. */
  require(action: Action) {
    return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
      const principal = await this.principal(req);
      if (!this.#admitted(req, res, action, principal)) return;
      res.locals.principal = principal;
      next();
    };
  }

  #admitted(req: Request, res: Response, action: Action, principal: Principal | null, owner: OwnerInfo | null = null): principal is Principal {
    if (principal?.via === 'cookie' && !this.originOk(req)) {
      fail(res, 403, 'forbidden', 'account.error.origin');
      return false;
    }
    const verdict = decide(action, principal ? { account: principal.account } : null, owner);
    if (verdict === 'ok') return true;
    if (verdict === 'unauthorized') fail(res, 401, 'unauthorized', 'account.error.signIn');
    else fail(res, 403, 'forbidden', 'account.error.forbidden');
    return false;
  }

  /**
   * The programme of a per-programme request (`:id`) and who asks, or null after answering
   * 401 (not signed in), 404 (no such programme) or 403 (the table says no: a begeleider, or
   * another organisation), as for sessions.
   */
  async programme(req: Request, res: Response, action: Action): Promise<{ programme: Programme; principal: Principal } | null> {
    const principal = await this.principal(req);
    if (!principal) {
      fail(res, 401, 'unauthorized', 'account.error.signIn');
      return null;
    }
    const programme = await this.deps.store.getProgramme(String(req.params.id));
    if (!programme) {
      fail(res, 404, 'not_found', 'error.notFound');
      return null;
    }
    if (!this.#admitted(req, res, action, principal, { accountId: programme.createdBy, organisation: programme.organisation })) return null;
    return { programme, principal };
  }

  /** Whether the table lets this account do `action` on a thing of `owner` (no answer sent). */
  allows(action: Action, principal: Principal, owner: OwnerInfo | null): boolean {
    return decide(action, { account: principal.account }, owner) === 'ok';
  }

  /**
   * The session of a per-session request and who asks, or null after answering 401/403/404.
   * A Bearer value that is not an API token is taken as the session's facilitator link.
   */
  async session(req: Request, res: Response, action: Action): Promise<{ session: LiveSession; actor: Actor; owner: SessionOwner | null } | null> {
    const { hub, store } = this.deps;
    const sessionId = String(req.params.id);
    const token = bearer(req);
    if (token && !token.startsWith(API_TOKEN_PREFIX)) {
      const session = await hub.get(sessionId);
      if (!session || !secretMatches(token, session.record.facilitatorSecretHash)) {
        // One answer for "no such session" and "wrong secret": do not confirm which ids exist.
        fail(res, 401, 'unauthorized', 'error.unauthorized');
        return null;
      }
      const subject: Subject = { facilitatorLink: true };
      if (decide(action, subject) !== 'ok') {
        fail(res, 403, 'forbidden', 'account.error.forbidden');
        return null;
      }
      return { session, actor: 'link:facilitator', owner: await store.getSessionOwner(sessionId) };
    }
    const principal = await this.principal(req);
    if (!principal) {
      fail(res, 401, 'unauthorized', 'account.error.signIn');
      return null;
    }
    const owner = await store.getSessionOwner(sessionId);
    // Not owned (or unknown) and not asked by link: the same 404 either way.
    const session = owner ? await hub.get(sessionId) : null;
    if (!owner || !session) {
      fail(res, 404, 'not_found', 'error.notFound');
      return null;
    }
    if (!this.#admitted(req, res, action, principal, owner)) return null;
    return { session, actor: { accountId: principal.account.id }, owner };
  }
}
