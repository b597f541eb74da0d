/**
 * Who may get an account by signing in through the organisation's identity provider: a
 * verified e-mail address whose domain is in OIDC_ALLOWED_DOMAINS. Pure.
 */
import { normaliseEmail } from '../../shared/accounts/policy.ts';

export type OidcVerdict =
  | { readonly ok: true; readonly email: string; readonly domain: string }
  | { readonly ok: false; readonly reason: 'noEmail' | 'unverified' | 'domain' };

export function emailFromClaims(claims: { email?: unknown; email_verified?: unknown }, allowedDomains: readonly string[]): OidcVerdict {
  if (typeof claims.email !== 'string' || !claims.email.includes('@')) return { ok: false, reason: 'noEmail' };
  // Providers that say nothing about verification are trusted (many municipal ones); an explicit false is not.
  if (claims.email_verified === false || claims.email_verified === 'false') return { ok: false, reason: 'unverified' };
  const email = normaliseEmail(claims.email);
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (!allowedDomains.includes(domain)) return { ok: false, reason: 'domain' };
  return { ok: true, email, domain };
}

/** Whether an issuer may be used over plain http: only on this machine (tests, a local provider). */
export function isLoopbackIssuer(issuer: URL): boolean {
  const host = issuer.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
