/**
 * The secrets that stand for an account: the sign-in cookie's token and personal API
 * tokens. Both are 192-bit random strings (secrets.ts), stored only as SHA-256, compared by
 * hash lookup. API tokens carry a prefix so a script's Bearer value is told apart from a
 * facilitator link's secret without a database lookup, and so secret scanners recognise them.
 */
import type { CookieOptions, Request } from 'express';
import { hashSecret, newSecret } from '../secrets.ts';

export const LOGIN_COOKIE = 'samenspraak_login';
/** A sign-in lasts a working week; signing out ends it at once. */
export const LOGIN_TTL_MS = 7 * 24 * 60 * 60_000;
export const API_TOKEN_PREFIX = 'ssp_';

export const newLoginToken = (): string => newSecret();
export const newApiToken = (): string => API_TOKEN_PREFIX + newSecret();
export const tokenHash = (token: string): string => hashSecret(token);

/** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure over HTTPS. */
export function loginCookieOptions(req: Request, maxAgeMs: number): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', maxAge: maxAgeMs };
}

/** One cookie's value from a Cookie header (Express 5 has no cookie parser built in). */
export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    // Our tokens are URL-safe; anything else is not ours.
    return /^[A-Za-z0-9_-]{20,80}$/.test(value) ? value : null;
  }
  return null;
}

/** The Bearer value of an Authorization header, or null. */
export function bearer(req: Request): string | null {
  const header = req.get('authorization') ?? '';
  const value = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
  return value || null;
}
