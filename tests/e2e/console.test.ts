/**
 * The presenter console in Chromium at laptop (1280×800) and tablet (1024×768) size: no
 * sideways scroll on any tab, the Next button stays in view at every scroll position,
 * PageDown (a clicker) moves the session on and the phone and screen follow, and axe finds
 * nothing on the tabs and the "?" overlay. Screenshots go to test-results/screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createSession, Phone, type CreatedSession } from '../integration/harness.ts';
import { axe, describeViolations, hasChromium, joinOnPhone, launchBrowser, newPage, PROJECTOR, screenshot, startApp, type RunningApp } from './support/browser.ts';

const LAPTOP_800 = { width: 1280, height: 800 } as const;
const TABLET = { width: 1024, height: 768 } as const;
const TABS = ['Deelnemers', 'Groepen', 'Voortgang', 'Antwoorden', 'Terugkoppeling', 'Downloads', 'Instellingen'];

describe.skipIf(!hasChromium)('presenter console', () => {
  let app: RunningApp;
  let browser: Browser;
  let session: CreatedSession;
  let console_: Page;
  let phone: Page;
  let screen: Page;
  const bots: Phone[] = [];
  const problems: string[] = [];

  const consoleUrl = (): string => `${app.url}/begeleider/${session.sessionId}#${session.facilitatorSecret}`;

  async function noSidewaysScroll(page: Page): Promise<void> {
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(scroll, 'page wider than the window').toBeLessThanOrEqual(client);
  }

  async function nextButtonInView(page: Page): Promise<void> {
    const next = page.getByRole('button', { name: /^Volgende: / });
    const height = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
    const stops = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(height * f));
    for (const y of stops) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      const box = await next.boundingBox();
      const viewport = page.viewportSize()!;
      expect(box, `Next button at scroll ${y}`).not.toBeNull();
      expect(box!.y, `Next button top at scroll ${y}`).toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height, `Next button bottom at scroll ${y}`).toBeLessThanOrEqual(viewport.height);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
  }

  async function checkA11y(page: Page, view: string): Promise<void> {
    const violations = await axe(page);
    expect(violations, `${view}:\n${describeViolations(violations)}`).toEqual([]);
  }

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    session = await createSession(app.url);
  });

  it('13 people and a phone join; the console opens the screen, never with the facilitator secret', async () => {
    // 13 people join over sockets (cheap); one real phone page watches the steps.
    for (let i = 0; i < 13; i++) {
      const bot = new Phone(app.url);
      bots.push(bot);
      await bot.join(session.code, `Deelnemer ${i + 1}`, i % 2 ? 'opdrachtnemer' : 'opdrachtgever', `Organisatie ${i % 4}`);
    }
    phone = await joinOnPhone(browser, app.url, session.code, problems);
    await expect.poll(() => phone.getByRole('heading', { name: 'Je bent binnen' }).isVisible()).toBe(true);

    console_ = await newPage(await browser.newContext({ viewport: LAPTOP_800, locale: 'nl-NL' }), problems, 'console');
    await console_.goto(consoleUrl());
    await expect.poll(() => console_.getByRole('heading', { name: 'Stevige lokale teams — Ben jij hiervan?', level: 1 }).isVisible()).toBe(true);
    const href = await console_.getByRole('link', { name: /Open het scherm voor de zaal/ }).first().getAttribute('href');
    expect(href).not.toContain(session.facilitatorSecret);
    screen = await newPage(await browser.newContext({ viewport: PROJECTOR, locale: 'nl-NL' }), problems, 'screen');
    await screen.goto(new URL(href!, app.url).toString());
    await expect.poll(() => screen.getByRole('img', { name: /QR-code/ }).isVisible()).toBe(true);
  });

  afterAll(async () => {
    for (const b of bots) b.close();
    await browser?.close();
    await app?.close();
  });

  it('PageDown goes to the groups step, where "Groepen maken" shows the sizes it will make', async () => {
    await console_.locator('body').click({ position: { x: 5, y: 5 } });
    const card = console_.getByRole('region', { name: 'Groepen maken' });
    // The programme's slides come first: PageDown through them to the groups step.
    await expect
      .poll(async () => (await card.isVisible()) || (await console_.keyboard.press('PageDown'), false), { interval: 400, timeout: 15_000 })
      .toBe(true);
    expect(await card.innerText()).toContain('14 mensen worden 3 groepen: 2 van 5, 1 van 4.');
    await screenshot(console_, 'console-groups-step-1280x800');
    await card.getByRole('button', { name: 'Groepen maken' }).click();
    await expect.poll(() => phone.getByRole('heading', { name: /^Je zit in groep \d$/ }).isVisible()).toBe(true);
  });

  it('PageDown moves to characteristic 1; the phone and the screen follow; PageUp goes back', async () => {
    await console_.locator('body').click({ position: { x: 5, y: 5 } });
    await console_.keyboard.press('PageDown');
    await expect.poll(() => phone.getByRole('heading', { name: 'Passende omvang en expertise' }).isVisible()).toBe(true);
    await expect.poll(async () => (await screen.locator('body').innerText()).includes('Passende omvang en expertise')).toBe(true);
    await console_.keyboard.press('PageUp');
    await expect.poll(() => console_.getByRole('button', { name: /^Volgende: Kenmerk 1/ }).isVisible()).toBe(true);
    await console_.keyboard.press('PageDown');
    await expect.poll(() => console_.getByRole('button', { name: /^Volgende: Kenmerk 2/ }).isVisible()).toBe(true);
  });

  it('at 1280×800: no sideways scroll on any tab, Next always in view, axe finds nothing', async () => {
    for (const name of TABS) {
      await console_.getByRole('tab', { name }).click();
      await expect.poll(() => console_.getByRole('tabpanel', { name }).isVisible()).toBe(true);
      await noSidewaysScroll(console_);
      await nextButtonInView(console_);
      await checkA11y(console_, `console tab ${name}`);
    }
    await console_.getByRole('tab', { name: 'Voortgang' }).click();
    await screenshot(console_, 'console-dialogue-1280x800');
    await console_.screenshot({ path: 'test-results/screenshots/console-dialogue-1280x800-viewport.png' });
  });

  it('the "?" overlay lists the keys, passes axe and closes with Escape', async () => {
    await console_.locator('body').click({ position: { x: 5, y: 5 } });
    await console_.keyboard.press('?');
    const dialog = console_.getByRole('dialog', { name: 'Sneltoetsen' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.innerText()).toContain('PageDown');
    await checkA11y(console_, 'console keys overlay');
    await console_.screenshot({ path: 'test-results/screenshots/console-keys-1280x800.png' });
    await console_.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
  });

  it('at tablet size (1024×768) too: no sideways scroll and Next in view', async () => {
    const tablet = await newPage(await browser.newContext({ viewport: TABLET, locale: 'nl-NL' }), problems, 'tablet');
    await tablet.goto(consoleUrl());
    await expect.poll(() => tablet.getByRole('button', { name: /^Volgende: Kenmerk 2/ }).isVisible()).toBe(true);
    for (const name of TABS) {
      await tablet.getByRole('tab', { name }).click();
      await noSidewaysScroll(tablet);
      await nextButtonInView(tablet);
    }
    await tablet.getByRole('tab', { name: 'Voortgang' }).click();
    await tablet.screenshot({ path: 'test-results/screenshots/console-dialogue-1024x768-viewport.png' });
    await screenshot(tablet, 'console-dialogue-1024x768');
    await tablet.context().close();
  });

  it('no console errors, CSP violations or third-party requests', () => {
    expect(problems).toEqual([]);
  });
});
