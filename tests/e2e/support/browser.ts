/**
 * Browser-test support: Debian's Chromium driven by playwright-core, the real app
 * (createApp + SQLite + the built client) on 127.0.0.1:0, axe-core, screenshots.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { prepareFirstAccount } from '../../../server/accounts/setupCode.ts';
import { SqliteAccountStore } from '../../../server/accounts/sqliteAccountStore.ts';
import type { OidcOptions } from '../../../server/accounts/oidc.ts';
import { createApp, type App, type AppDeps } from '../../../server/app.ts';
import { silentLogger } from '../../../server/logger.ts';
import { SqliteStore } from '../../../server/store/sqliteStore.ts';
import { useToken } from '../../integration/harness.ts';
import { seedAccount, type TestAccount } from '../../support/accounts.ts';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];

export function chromiumPath(): string | null {
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export const hasChromium = chromiumPath() !== null;

export const PHONE = { width: 360, height: 740 } as const;
export const LAPTOP = { width: 1280, height: 860 } as const;
export const PROJECTOR = { width: 1920, height: 1080 } as const;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath()!,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface RunningApp {
  readonly url: string;
  readonly app: App;
  /** The stores behind it, for tests that put data in directly (e.g. scored sessions for programmes). */
  readonly store: SqliteStore;
  readonly accountStore: SqliteAccountStore;
  /** A begeleider with a password (FACILITATOR_PASSWORD) and an API token; createSession(url) uses it. Null on a first start. */
  readonly facilitator: TestAccount | null;
  /** On a first start (no account yet): the set-up code the server would print. */
  readonly setupCode: string | null;
  close(): Promise<void>;
}

/** The password of RunningApp.facilitator. */
export const FACILITATOR_PASSWORD = 'een lang wachtwoord voor tests';

/**
 * The app on SQLite (sessions and accounts in one file, as `npm start` runs it). `firstStart`:
 * no account yet, so the set-up code flow is what a person meets first. `app`: settings of the
 * app beyond the defaults (e.g. trustProxy, a small session quota).
 */
export async function startApp(opts: { firstStart?: boolean; oidc?: OidcOptions; app?: Partial<Omit<AppDeps, 'store' | 'logger' | 'accounts'>> } = {}): Promise<RunningApp> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'samenspraak-e2e-'));
  const file = path.join(dir, 'e2e.sqlite');
  const store = SqliteStore.open(file);
  const accountStore = SqliteAccountStore.open(file);
  const facilitator = opts.firstStart
    ? null
    : await seedAccount(accountStore, { email: 'begeleider@gemeente.example', name: 'Bente Begeleider', password: FACILITATOR_PASSWORD });
  const setup = await prepareFirstAccount(accountStore, { now: Date.now });
  const app = createApp({
    store,
    logger: silentLogger(),
    clientDir: path.resolve('dist/client'),
    accounts: { store: accountStore, linkKey: randomBytes(32), setup, oidc: opts.oidc ?? null },
    ...opts.app,
  });
  await new Promise<void>((r) => app.http.listen(0, '127.0.0.1', r));
  const { port } = app.http.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  if (facilitator) useToken(url, facilitator.token);
  return {
    url,
    app,
    store,
    accountStore,
    facilitator,
    setupCode: setup.code,
    async close() {
      await app.close();
      await app.accounts.actions.flush();
      await accountStore.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in on the sign-in page this page is on (after a redirect to it), as a person would. */
export async function signInOnPage(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

/** A page that records console errors and CSP violations, which a test then asserts are none. */
export async function newPage(context: BrowserContext, problems: string[], label: string, expected404 = false): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (msg) => {
    // Chromium logs every 404 answer; a wrong join code is answered with one on purpose.
    if (expected404 && /status of 404/.test(msg.text())) return;
    if (msg.type() === 'error') problems.push(`${label}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`${label}: ${err.message}`));
  page.on('request', (req) => {
    const host = new URL(req.url()).hostname;
    if (host !== '127.0.0.1' && !req.url().startsWith('data:')) problems.push(`${label}: request to a third-party host ${req.url()}`);
  });
  return page;
}

const SCREENSHOTS = path.resolve('test-results/screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const AXE_SOURCE = readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/**
 * Runs axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is now. Injected through
 * the DevTools protocol (page.evaluate), which the page's CSP does not block.
 */
export async function axe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(`${AXE_SOURCE};0`);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } };
    const result = await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
}

/** A phone page on the join link of `code`, its form filled in and sent as a person would ("Telefoon Tester"). */
export async function joinOnPhone(browser: Browser, appUrl: string, code: string, problems: string[]): Promise<Page> {
  const phone = await newPage(await browser.newContext({ viewport: PHONE, locale: 'nl-NL' }), problems, 'phone');
  await phone.goto(`${appUrl}/j/${code}`);
  await phone.getByLabel('Naam').fill('Telefoon Tester');
  await phone.getByRole('radio', { name: /^Opdrachtgever/ }).check();
  await phone.getByLabel(/^Organisatie/).fill('Gemeente Test');
  await phone.getByRole('button', { name: 'Meedoen' }).click();
  return phone;
}
