/**
 * Single sign-on with the organisation's identity provider (OpenID Connect, authorization
 * code flow with PKCE, state and nonce), through openid-client v6.
 *
 * GET /api/auth/oidc/start    → redirect to the provider
 * GET /api/auth/oidc/callback → check the answer, sign in, redirect to /mijn-sessies
 *
 * An account is found by e-mail address; when there is none and the address's domain is
 * allowed (OIDC_ALLOWED_DOMAINS), a begeleider account is made for it, in the organisation
 * OIDC_ORGANISATION (or, without it, named after the domain). Refusals go back to the
 * sign-in page with a reason it explains.
 *
 * The flow's secrets (state, nonce, PKCE verifier) stay on the server, keyed by a random
 * id in a short-lived cookie. That cookie is SameSite=Lax: the provider sends the browser
 * back with a cross-site navigation, which would not carry a Strict cookie.
 */
import { Router, type Request, type Response } from 'express';
import * as client from 'openid-client';
import { normaliseEmail } from '../../shared/accounts/policy.ts';
import { cleanText } from '../../shared/text.ts';
import type { Logger } from '../logger.ts';
import { newId, newSecret } from '../secrets.ts';
import type { Access } from './access.ts';
import { cookieValue } from './credentials.ts';
import { startLogin } from './loginCookie.ts';
import { emailFromClaims, isLoopbackIssuer } from './oidcPolicy.ts';
import type { AccountStore } from './types.ts';

export interface OidcOptions {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Lower case domains whose addresses get an account on first sign-in. */
  readonly allowedDomains: readonly string[];
  /** Organisation of accounts made on first sign-in; default: the e-mail domain. */
  readonly organisation?: string | null;
  /** Base of the redirect URI (PUBLIC_URL); default: the address of the request. */
  readonly publicUrl?: string | null;
}

interface OidcDeps {
  readonly store: AccountStore;
  readonly access: Access;
  readonly now: () => number;
  readonly logger: Logger;
  readonly options: OidcOptions;
}

interface Pending {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly redirectUri: string;
  readonly at: number;
}

const FLOW_COOKIE = 'samenspraak_oidc';
const FLOW_TTL_MS = 10 * 60_000;
const MAX_PENDING = 10_000;
const SIGN_IN_PAGE = '/inloggen';
const AFTER_SIGN_IN = '/mijn-sessies';

export function createOidcRouter(deps: OidcDeps): Router {
  const { store, now, logger, options } = deps;
  const router = Router();
  const pending = new Map<string, Pending>();
  let config: Promise<client.Configuration> | null = null;

  /** Discovered once; a failure is not cached, so a provider that was down is tried again. */
  function configuration(): Promise<client.Configuration> {
    if (!config) {
      const issuer = new URL(options.issuer);
      // openid-client refuses http; a provider on this machine (tests) may use it, nothing else.
      const execute = issuer.protocol === 'http:' && isLoopbackIssuer(issuer) ? [client.allowInsecureRequests] : [];
      config = client.discovery(issuer, options.clientId, options.clientSecret, undefined, { execute });
      config.catch(() => (config = null));
    }
    return config;
  }

  const redirectUri = (req: Request) => `${options.publicUrl ?? `${req.protocol}://${req.get('host')}`}/api/auth/oidc/callback`;
  const refuse = (res: Response, reason: string) => res.redirect(303, `${SIGN_IN_PAGE}?sso=${encodeURIComponent(reason)}`);

  router.get('/start', async (req, res) => {
    let cfg: client.Configuration;
    try {
      cfg = await configuration();
    } catch (err) {
      logger.error({ err, action: 'oidc.discovery' }, 'identity provider unreachable');
      return refuse(res, 'unavailable');
    }
    for (const [id, p] of pending) if (now() - p.at > FLOW_TTL_MS) pending.delete(id);
    if (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value!);
    const flow: Pending = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      redirectUri: redirectUri(req),
      at: now(),
    };
    const id = newSecret();
    pending.set(id, flow);
    res.cookie(FLOW_COOKIE, id, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/api/auth/oidc', maxAge: FLOW_TTL_MS });
    const url = client.buildAuthorizationUrl(cfg, {
      redirect_uri: flow.redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    res.redirect(303, url.href);
  });

  router.get('/callback', async (req, res) => {
    const id = cookieValue(req.get('cookie'), FLOW_COOKIE);
    const flow = id ? pending.get(id) : undefined;
    if (id) pending.delete(id);
    res.clearCookie(FLOW_COOKIE, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/api/auth/oidc' });
    if (!flow || now() - flow.at > FLOW_TTL_MS) return refuse(res, 'expired');
    let claims: Record<string, unknown> | undefined;
    try {
      const cfg = await configuration();
      const current = new URL(flow.redirectUri);
      current.search = new URL(req.originalUrl, 'http://x').search;
      const tokens = await client.authorizationCodeGrant(cfg, current, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
      if (claims && typeof claims.email !== 'string' && tokens.access_token && typeof claims.sub === 'string') {
        // Some providers put the e-mail address in userinfo only.
        claims = { ...claims, ...(await client.fetchUserInfo(cfg, tokens.access_token, claims.sub)) };
      }
    } catch (err) {
      logger.warn({ err, action: 'oidc.callback' }, 'sign-in with the identity provider failed');
      return refuse(res, 'failed');
    }
    const verdict = emailFromClaims(claims ?? {}, options.allowedDomains);
    // An address the provider has not verified (or none) signs nobody in, not even an existing account.
    if (!verdict.ok && verdict.reason !== 'domain') return refuse(res, verdict.reason);
    const email = normaliseEmail(String(claims?.email));
    let account = await store.findAccountByEmail(email);
    if (!account) {
      if (!verdict.ok) {
        logger.info({ action: 'oidc.refused', reason: verdict.reason }, 'no account for this sign-in');
        return refuse(res, verdict.reason);
      }
      const given = typeof claims?.name === 'string' ? cleanText(claims.name, { multiline: false }).slice(0, 80) : '';
      account = {
        id: newId(),
        email,
        name: given || email.split('@')[0]!,
        organisation: options.organisation || verdict.domain,
        role: 'begeleider',
        passwordHash: null,
        createdAt: now(),
        disabledAt: null,
      };
      await store.createAccount(account);
      logger.info({ action: 'oidc.account.create', account: account.id }, 'account created on first sign-in');
    }
    if (account.disabledAt !== null) return refuse(res, 'disabled');
    await startLogin(store, req, res, account.id, now());
    logger.info({ action: 'auth.login.oidc', account: account.id }, 'signed in through the identity provider');
    res.redirect(303, AFTER_SIGN_IN);
  });

  return router;
}
