/** Starting and ending a browser's sign-in: a login record and its cookie. */
import type { Request, Response } from 'express';
import { LOGIN_COOKIE, LOGIN_TTL_MS, loginCookieOptions, newLoginToken, tokenHash } from './credentials.ts';
import type { AccountStore } from './types.ts';

export async function startLogin(store: AccountStore, req: Request, res: Response, accountId: string, now: number): Promise<void> {
  const token = newLoginToken();
  await store.createLogin({ tokenHash: tokenHash(token), accountId, createdAt: now, expiresAt: now + LOGIN_TTL_MS });
  res.cookie(LOGIN_COOKIE, token, loginCookieOptions(req, LOGIN_TTL_MS));
}

export function clearLoginCookie(req: Request, res: Response): void {
  const { maxAge: _drop, ...opts } = loginCookieOptions(req, 0);
  res.clearCookie(LOGIN_COOKIE, opts);
}
