/**
 * Single sign-on end to end, against a real OpenID Connect provider (the `oidc-provider`
 * package, its development login and consent pages) on 127.0.0.1: the sign-in page offers
 * "Inloggen met je organisatie-account", the browser goes through the provider's login and
 * consent, and ends signed in on "Mijn sessies" with a begeleider account made on first
 * sign-in. An address of a domain that is not allowed is refused with a clear message.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axe, describeViolations, hasChromium, LAPTOP, launchBrowser, newPage, screenshot, startApp, type RunningApp } from './support/browser.ts';

const CLIENT = { id: 'samenspraak', secret: 'een-geheim-van-de-test-client-1234567890' };

describe.skipIf(!hasChromium)('signing in with the organisation account (OpenID Connect)', () => {
  let idp: Server;
  let issuer = '';
  let app: RunningApp;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    // The provider's port first: the app is configured with its issuer, the provider with the app's redirect URI.
    let handler: RequestListener = (_q, r) => r.end();
    idp = createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    app = await startApp({
      oidc: { issuer, clientId: CLIENT.id, clientSecret: CLIENT.secret, allowedDomains: ['gemeente-zwolle.example'], organisation: 'Gemeente Zwolle' },
    });
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT.id,
          client_secret: CLIENT.secret,
          redirect_uris: [`${app.url}/api/auth/oidc/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      // Whoever signs in at the development login is the e-mail address they typed.
      async findAccount(_ctx, sub) {
        return {
          accountId: sub,
          async claims() {
            return { sub, email: sub, email_verified: true, name: `Olga ${sub.split('@')[0]}` };
          },
        };
      },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      features: { devInteractions: { enabled: true } },
      cookies: { keys: ['samenspraak-test-cookie-key'] },
    });
    const callback = provider.callback();
    handler = (req, res) => void callback(req, res);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await new Promise<void>((resolve) => idp?.close(() => resolve()));
  });

  /** Through the provider's own pages: its login (any password), then its consent. */
  async function signInAtProvider(page: Page, email: string): Promise<void> {
    await page.goto(`${app.url}/inloggen`);
    await page.getByRole('link', { name: 'Inloggen met je organisatie-account' }).click();
    await page.waitForURL((u) => u.href.startsWith(issuer));
    await page.locator('input[name="login"]').fill(email);
    await page.locator('input[name="password"]').fill('wat dan ook');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  it('offers the organisation sign-in and ends signed in on "Mijn sessies", with a new begeleider account', async () => {
    const page = await newPage(await browser.newContext({ viewport: LAPTOP, locale: 'nl-NL' }), problems, 'sso');
    await page.goto(`${app.url}/inloggen`);
    await expect.poll(() => page.getByRole('link', { name: 'Inloggen met je organisatie-account' }).isVisible()).toBe(true);
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await screenshot(page, 'account-sign-in-sso');

    await signInAtProvider(page, 'olga@gemeente-zwolle.example');
    await page.waitForURL(`${app.url}/mijn-sessies`);
    await expect.poll(() => page.getByRole('heading', { name: 'Mijn sessies' }).isVisible()).toBe(true);
    expect(await page.getByText('Ingelogd als Olga olga').isVisible()).toBe(true);
    const account = await app.app.accounts.store.findAccountByEmail('olga@gemeente-zwolle.example');
    expect(account).toMatchObject({ role: 'begeleider', organisation: 'Gemeente Zwolle', passwordHash: null });

    // Signed in for real: this browser may now create a session.
    await page.getByRole('link', { name: 'Nieuwe sessie maken' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Sessie maken' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Sessie maken' }).click();
    await page.waitForURL(/\/begeleider\/[^#]+#.+/);
    expect(await app.app.accounts.store.listOwnedSessions({ accountId: account!.id })).toHaveLength(1);
    // The provider's development pages (not ours) load Google Fonts and ask for a favicon it lacks.
    const providerPages = /fonts\.googleapis\.com|ERR_NAME_NOT_RESOLVED|status of 404/;
    expect(problems.filter((p) => !providerPages.test(p))).toEqual([]);
  });

  it('refuses an address outside the allowed domains, and says so on the sign-in page', async () => {
    const page = await newPage(await browser.newContext({ viewport: LAPTOP, locale: 'nl-NL' }), problems, 'sso-refused');
    await signInAtProvider(page, 'iemand@elders.example');
    await page.waitForURL(`${app.url}/inloggen?sso=domain`);
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'Met dit e-mailadres kun je hier niet inloggen.' }).isVisible())
      .toBe(true);
    await screenshot(page, 'account-sign-in-sso-refused');
    expect(await app.app.accounts.store.findAccountByEmail('iemand@elders.example')).toBeNull();
    expect(await (await page.context().request.get(`${app.url}/api/auth/me`)).json()).toEqual({ account: null });
  });
});
