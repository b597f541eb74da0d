/**
 * Signing in and out: /api/auth/status, /login, /logout, /me and /setup (the first
 * account). Single sign-on has its own routes (oidc.ts).
 */
import { Router, type Request } from 'express';
import { passwordProblem } from '../../shared/accounts/policy.ts';
import { originAllowed } from '../http/origin.ts';
import type { Logger } from '../logger.ts';
import { newId } from '../secrets.ts';
import { fail, type Access } from './access.ts';
import { clearLoginCookie, startLogin } from './loginCookie.ts';
import { dummyVerify, hashPassword, verifyPassword } from './passwords.ts';
import { publicAccount } from './publicAccount.ts';
import { describeIssues } from './zodIssues.ts';
import { loginSchema, setupSchema } from './schemas.ts';
import type { SetupCode } from './setupCode.ts';
import type { LoginThrottle } from './throttle.ts';
import type { AccountStore } from './types.ts';

export interface AuthRouteDeps {
  readonly store: AccountStore;
  readonly access: Access;
  readonly throttle: LoginThrottle;
  readonly setup: SetupCode;
  readonly now: () => number;
  readonly logger: Logger;
  readonly allowedOrigins: readonly string[];
  /** Whether single sign-on is configured (the sign-in page then offers it). */
  readonly oidc: boolean;
}

export function createAuthRouter(deps: AuthRouteDeps): Router {
  const { store, access, throttle, setup, now, logger } = deps;
  const auth = Router();

  /** A sign-in form posted from another site (login CSRF) is refused; scripts send no Origin. */
  const foreignOrigin = (req: Request) => {
    const origin = req.get('origin');
    return !!origin && !originAllowed(origin, req.get('host'), deps.allowedOrigins);
  };

  auth.get('/status', async (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ setupNeeded: setup.code !== null && (await store.countAccounts()) === 0, oidc: deps.oidc });
  });

  /** Who is signed in: `{account: null}` when nobody is (a normal answer, not an error a browser logs). */
  auth.get('/me', async (req, res) => {
    const principal = await access.principal(req);
    res.set('Cache-Control', 'no-store').json({ account: principal ? publicAccount(principal.account) : null });
  });

  auth.post('/login', async (req, res) => {
    if (foreignOrigin(req)) return fail(res, 403, 'forbidden', 'account.error.origin');
    const parsed = loginSchema.safeParse(req.body);
    if (!parsed.success) return fail(res, 400, 'invalid', 'error.invalid', describeIssues(parsed.error));
    const { email, password } = parsed.data;
    const address = req.ip ?? 'unknown';
    const verdict = throttle.check(address, email, now());
    if (!verdict.ok) {
      res.set('Retry-After', String(Math.ceil(verdict.retryAfterMs / 1000)));
      return fail(res, 429, 'rate_limited', 'account.error.throttled', String(Math.max(1, Math.ceil(verdict.retryAfterMs / 60_000))));
    }
    const account = await store.findAccountByEmail(email);
    const ok = account?.passwordHash ? await verifyPassword(account.passwordHash, password) : await dummyVerify(password);
    if (!account || !ok) {
      throttle.failed(address, email, now());
      logger.info({ action: 'auth.login', result: 'wrong' }, 'sign-in refused');
      return fail(res, 401, 'unauthorized', 'account.error.wrongPassword');
    }
    throttle.succeeded(address, email);
    if (account.disabledAt !== null) return fail(res, 403, 'forbidden', 'account.error.disabled');
    await startLogin(store, req, res, account.id, now());
    logger.info({ action: 'auth.login', account: account.id }, 'signed in');
    res.json({ account: publicAccount(account) });
  });

  auth.post('/logout', async (req, res) => {
    const principal = await access.principal(req);
    if (principal?.via === 'cookie') {
      if (!access.originOk(req)) return fail(res, 403, 'forbidden', 'account.error.origin');
      if (principal.loginHash) await store.deleteLogin(principal.loginHash);
    }
    clearLoginCookie(req, res);
    res.status(204).end();
  });

  /** The first beheerder, with the code printed at start-up. Only while no account exists. */
  auth.post('/setup', async (req, res) => {
    if (foreignOrigin(req)) return fail(res, 403, 'forbidden', 'account.error.origin');
    if (setup.code === null || (await store.countAccounts()) > 0) return fail(res, 409, 'conflict', 'account.error.setupDone');
    const parsed = setupSchema.safeParse(req.body);
    if (!parsed.success) return fail(res, 400, 'invalid', 'error.invalid', describeIssues(parsed.error));
    const body = parsed.data;
    if (passwordProblem(body.password)) return fail(res, 400, 'invalid', 'account.error.passwordShort');
    if (!setup.matches(body.code)) return fail(res, 403, 'forbidden', 'account.error.setupCode');
    // Spent before the slow hash, so two requests with the code cannot both make an account.
    setup.spend();
    const account = {
      id: newId(),
      email: body.email,
      name: body.name,
      organisation: body.organisation,
      role: 'beheerder' as const,
      passwordHash: await hashPassword(body.password),
      createdAt: now(),
      disabledAt: null,
    };
    await store.createAccount(account);
    await startLogin(store, req, res, account.id, now());
    logger.info({ action: 'auth.setup', account: account.id }, 'first account created');
    res.status(201).json({ account: publicAccount(account) });
  });

  return auth;
}
