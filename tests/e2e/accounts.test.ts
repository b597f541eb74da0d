/**
 * Accounts in real browsers, from a first start without ADMIN_*: the set-up code makes the
 * first beheerder, who adds a begeleider; the begeleider signs in on another device (a
 * second browser context, a phone-sized window), creates a session and finds it in
 * "Mijn sessies", where the console opens. axe-core on every new page; screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axe, describeViolations, hasChromium, LAPTOP, launchBrowser, newPage, PHONE, screenshot, signInOnPage, startApp, type RunningApp } from './support/browser.ts';

const BEHEERDER = { email: 'beheer@gemeente-ede.example', name: 'Bea Beheer', organisation: 'Gemeente Ede', password: 'beheer wachtwoord 2026' };
const BEGELEIDER = { email: 'bram@gemeente-ede.example', name: 'Bram Begeleider', password: 'bram zijn wachtwoord!' };

describe.skipIf(!hasChromium)('accounts in real browsers', () => {
  let app: RunningApp;
  let browser: Browser;
  let admin: Page;
  let bram: Page;
  const problems: string[] = [];
  const axeResults: Record<string, number> = {};

  async function checkA11y(page: Page, view: string): Promise<void> {
    const violations = await axe(page);
    axeResults[view] = violations.length;
    expect(violations, `${view}:\n${describeViolations(violations)}`).toEqual([]);
  }

  async function context(viewport: { width: number; height: number }): Promise<BrowserContext> {
    return browser.newContext({ viewport, locale: 'nl-NL' });
  }

  const visible = (page: Page, role: Parameters<Page['getByRole']>[0], name: string | RegExp) =>
    expect.poll(() => page.getByRole(role, { name }).first().isVisible(), { timeout: 10_000 }).toBe(true);
  /** An alert or status with this text (their names do not come from their content). */
  const says = (page: Page, role: 'alert' | 'status', text: string | RegExp) =>
    expect.poll(() => page.getByRole(role).filter({ hasText: text }).first().isVisible(), { timeout: 10_000 }).toBe(true);

  beforeAll(async () => {
    app = await startApp({ firstStart: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    console.log('axe violations per view:', JSON.stringify(axeResults));
    await browser?.close();
    await app?.close();
  });

  it('a first start asks for the set-up code and makes the first beheerder', async () => {
    expect(app.setupCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    admin = await newPage(await context(LAPTOP), problems, 'beheerder');
    // Someone who wants to make a session is sent to sign in; there, to set-up.
    await admin.goto(`${app.url}/nieuw`);
    await admin.waitForURL(/\/inloggen\?terug=%2Fnieuw$/);
    await visible(admin, 'link', 'Richt Samenspraak in');
    await checkA11y(admin, 'sign-in');
    await screenshot(admin, 'account-sign-in-first-start');
    await admin.getByRole('link', { name: 'Richt Samenspraak in' }).click();
    await admin.waitForURL(/\/setup$/);
    await visible(admin, 'heading', 'Samenspraak inrichten');

    // A wrong code: a clear message, focused, and nothing made.
    await admin.getByLabel('Set-upcode').fill('AAAA-BBBB-CCCC');
    await admin.getByLabel('E-mailadres').fill(BEHEERDER.email);
    await admin.getByLabel('Je naam').fill(BEHEERDER.name);
    await admin.getByLabel('Organisatie').fill(BEHEERDER.organisation);
    await admin.getByLabel(/^Wachtwoord/).fill(BEHEERDER.password);
    await admin.getByRole('button', { name: 'Account maken' }).click();
    await says(admin, 'alert', /De set-upcode klopt niet/);
    await checkA11y(admin, 'setup-error');
    await screenshot(admin, 'account-setup-wrong-code');

    await admin.getByLabel('Set-upcode').fill(app.setupCode!.toLowerCase());
    await admin.getByRole('button', { name: 'Account maken' }).click();
    await admin.waitForURL(/\/mijn-sessies$/);
    await visible(admin, 'heading', 'Sessies van Gemeente Ede');
    expect(await admin.getByText('Er zijn nog geen sessies.').isVisible()).toBe(true);
    expect(await admin.getByText('Ingelogd als Bea Beheer').isVisible()).toBe(true);
  });

  it('the beheerder adds a begeleider and makes an API token', async () => {
    await admin.getByRole('link', { name: 'Mijn account' }).click();
    await admin.waitForURL(/\/account$/);
    await visible(admin, 'heading', 'Accounts van Gemeente Ede');
    const form = admin.locator('form', { has: admin.getByRole('heading', { name: 'Account toevoegen' }) });
    await form.getByLabel('E-mailadres').fill(BEGELEIDER.email);
    await form.getByLabel('Naam').fill(BEGELEIDER.name);
    await form.getByLabel('Rol').selectOption('begeleider');
    await form.getByLabel('Beginwachtwoord').fill(BEGELEIDER.password);
    await form.getByRole('button', { name: 'Account toevoegen' }).click();
    await says(admin, 'status', 'Account voor Bram Begeleider is toegevoegd.');
    const row = admin.getByRole('row', { name: /Bram Begeleider/ });
    await expect.poll(() => row.innerText()).toMatch(/bram@gemeente-ede\.example\s+Begeleider\s+Actief/);

    await admin.getByLabel('Naam van de sleutel').fill('Rapportscript');
    await admin.getByRole('button', { name: 'Sleutel maken' }).click();
    const token = admin.getByLabel('Je nieuwe sleutel');
    await expect.poll(() => token.inputValue()).toMatch(/^ssp_/);
    expect(await admin.getByRole('row', { name: /Rapportscript/ }).innerText()).toMatch(/Nog nooit/);
    await checkA11y(admin, 'account-beheerder');
    await screenshot(admin, 'account-page-beheerder');
    // The token works for scripts.
    const list = await fetch(`${app.url}/api/sessions`, { headers: { authorization: `Bearer ${await token.inputValue()}` } });
    expect(list.status).toBe(200);
  });

  it('the begeleider signs in on another device, creates a session and finds it in "Mijn sessies"', async () => {
    bram = await newPage(await context(PHONE), problems, 'begeleider');
    await bram.goto(`${app.url}/mijn-sessies`);
    await bram.waitForURL(/\/inloggen\?terug=%2Fmijn-sessies$/);
    // A wrong password first: said plainly, and the page stays.
    await signInOnPage(bram, BEGELEIDER.email, 'niet mijn wachtwoord');
    await says(bram, 'alert', 'Het e-mailadres of het wachtwoord klopt niet.');
    await screenshot(bram, 'account-sign-in-wrong-phone');
    await signInOnPage(bram, BEGELEIDER.email, BEGELEIDER.password);
    await bram.waitForURL(/\/mijn-sessies$/);
    await visible(bram, 'heading', 'Mijn sessies');
    await bram.getByRole('link', { name: 'Nieuwe sessie maken' }).click();
    await bram.waitForURL(/\/nieuw$/);
    await visible(bram, 'button', 'Sessie maken');
    await bram.getByRole('button', { name: 'Sessie maken' }).click();
    await bram.waitForURL(/\/begeleider\/[^#]+#.+/);
    const consoleUrl = bram.url();

    await bram.goto(`${app.url}/mijn-sessies`);
    const card = bram.getByRole('listitem').filter({ has: bram.getByRole('heading', { name: 'Stevige lokale teams — Ben jij hiervan?' }) });
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await card.innerText()).toMatch(/Bezig/);
    await checkA11y(bram, 'my-sessions');
    await screenshot(bram, 'account-my-sessions-phone');

    // The log says who made it.
    await card.getByRole('button', { name: /^Logboek van/ }).click();
    await visible(bram, 'heading', /^Logboek van/);
    await expect.poll(() => bram.getByRole('row', { name: /Bram Begeleider/ }).innerText()).toMatch(/Sessie gemaakt/);
    await checkA11y(bram, 'my-sessions-log');
    await screenshot(bram, 'account-my-sessions-log-phone');

    // The console opens from here: the same link the creating page had.
    await card.getByRole('button', { name: /^Console openen van/ }).click();
    await bram.waitForURL(/\/begeleider\/[^#]+#.+/);
    expect(bram.url()).toBe(consoleUrl);
    await visible(bram, 'heading', 'Stevige lokale teams — Ben jij hiervan?');
  });

  it('the beheerder sees the organisation’s sessions, by whom', async () => {
    await admin.goto(`${app.url}/mijn-sessies`);
    const card = admin.getByRole('listitem').filter({ has: admin.getByRole('heading', { name: 'Stevige lokale teams — Ben jij hiervan?' }) });
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await card.innerText()).toMatch(/Door\s+Bram Begeleider/);
    await checkA11y(admin, 'my-sessions-organisation');
    await screenshot(admin, 'account-my-sessions-beheerder');
    // The begeleider's own account page: tokens, but no account management.
    await bram.goto(`${app.url}/account`);
    await visible(bram, 'heading', 'Sleutels voor scripts (API-tokens)');
    expect(await bram.getByRole('heading', { name: /^Accounts van/ }).count()).toBe(0);
    await checkA11y(bram, 'account-begeleider');
    await screenshot(bram, 'account-page-begeleider-phone');
  });

  it('signing out ends it: back to the sign-in page, and "Mijn sessies" asks again', async () => {
    await bram.getByRole('button', { name: 'Uitloggen' }).click();
    await bram.waitForURL(/\/inloggen$/);
    await bram.goto(`${app.url}/mijn-sessies`);
    await bram.waitForURL(/\/inloggen\?terug=/);
    // The refusals above (a wrong code, a wrong password) are answered 403/401, which Chromium logs; nothing else.
    expect(problems.filter((p) => !/status of 40[13]/.test(p))).toEqual([]);
  });
});
