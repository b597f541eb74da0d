/**
 * Programme insight in a real browser: an organisator signs in, makes a programme, puts
 * three sessions in it (two from the programme page, one from "Mijn sessies"), and reads
 * the figures: the characteristic with the largest gap on top with its numbers, a
 * characteristic scored by one group only shown as "Te weinig gegevens" (and its numbers
 * nowhere on the page), the spread and the trend; a role filter; the downloads. axe-core on
 * the page at laptop and phone width; screenshots. A begeleider is told who can.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seedAccount } from '../support/accounts.ts';
import { seedScoredSession, type SeededSession } from '../support/programmes.ts';
import { axe, describeViolations, FACILITATOR_PASSWORD, hasChromium, LAPTOP, launchBrowser, newPage, PHONE, screenshot, signInOnPage, startApp, type RunningApp } from './support/browser.ts';

const OLGA = { email: 'olga@gemeente.example', name: 'Olga Organisator', password: 'olga haar wachtwoord 2026' };
type R = 'opdrachtgever' | 'opdrachtnemer';
const g = (roles: string, scores: Record<number, [number, number]>) => ({ roles: [...roles].map((c): R => (c === 'g' ? 'opdrachtgever' : 'opdrachtnemer')), scores });

describe.skipIf(!hasChromium)('programme insight in a real browser', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const sessions: SeededSession[] = [];
  const axeResults: Record<string, number> = {};

  async function checkA11y(p: Page, view: string): Promise<void> {
    const violations = await axe(p);
    axeResults[view] = violations.length;
    expect(violations, `${view}:\n${describeViolations(violations)}`).toEqual([]);
  }
  const visible = (p: Page, role: Parameters<Page['getByRole']>[0], name: string | RegExp) =>
    expect.poll(() => p.getByRole(role, { name }).first().isVisible(), { timeout: 10_000 }).toBe(true);
  const says = (p: Page, text: string | RegExp) => expect.poll(() => p.getByRole('status').filter({ hasText: text }).first().isVisible(), { timeout: 10_000 }).toBe(true);

  beforeAll(async () => {
    app = await startApp();
    await seedAccount(app.accountStore, { role: 'organisator', ...OLGA });
    const owner = app.facilitator!.account;
    // Characteristic 1: 2 groups a session (6 in all, shown). Characteristic 2: one group in February only (hidden).
    // Characteristic 3: three groups a session, 9 in all (shown, and each day on its own too: a trend to see).
    sessions.push(
      await seedScoredSession(app.store, app.accountStore, {
        owner,
        at: Date.parse('2026-02-10T10:00:00+01:00'),
        title: 'Ede, februari',
        groups: [g('ggnn', { 0: [2, 4], 1: [1, 5], 2: [3, 4] }), g('gnnn', { 0: [3, 5], 2: [2, 4] }), g('nnnn', { 2: [3, 5] })],
      }),
      await seedScoredSession(app.store, app.accountStore, {
        owner,
        at: Date.parse('2026-04-14T10:00:00+02:00'),
        title: 'Ede, april',
        groups: [g('ggnn', { 0: [2, 4], 2: [3, 3] }), g('gnnn', { 0: [2, 4], 2: [3, 4] }), g('gnnn', { 2: [4, 5] })],
      }),
      await seedScoredSession(app.store, app.accountStore, {
        owner,
        at: Date.parse('2026-06-09T10:00:00+02:00'),
        title: 'Ede, juni',
        groups: [g('nnnn', { 0: [4, 4], 2: [4, 4] }), g('nnnn', { 0: [3, 3], 2: [4, 5] }), g('nnnn', { 2: [5, 5] })],
      }),
    );
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    console.log('axe violations per view:', JSON.stringify(axeResults));
    await browser?.close();
    await app?.close();
  });

  it('an organisator makes a programme and puts three sessions in it', async () => {
    page = await newPage(await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL' }), problems, 'organisator');
    await page.goto(`${app.url}/programmas`);
    await page.waitForURL(/\/inloggen\?terug=%2Fprogrammas$/);
    await signInOnPage(page, OLGA.email, OLGA.password);
    await page.waitForURL(/\/programmas$/);
    await visible(page, 'heading', 'Programma’s van Gemeente Voorbeeld');
    await expect.poll(() => page.getByText('Er zijn nog geen programma’s.').isVisible()).toBe(true);
    await page.getByLabel('Naam van het programma').fill('Stevige lokale teams 2026');
    await page.getByRole('button', { name: 'Programma maken' }).click();
    await says(page, 'Programma Stevige lokale teams 2026 is gemaakt.');
    await checkA11y(page, 'programmes');
    await page.getByRole('link', { name: 'Stevige lokale teams 2026' }).click();
    await page.waitForURL(/\/programmas\/[^/]+$/);
    await visible(page, 'heading', 'Stevige lokale teams 2026');
    await expect.poll(() => page.getByText('Er zitten nog geen sessies in dit programma.', { exact: false }).isVisible()).toBe(true);

    // Two sessions from the programme page.
    for (const [i, title] of ['Ede, februari', 'Ede, april'].entries()) {
      await page.getByLabel('Sessie toevoegen').selectOption(sessions[i]!.sessionId);
      await page.getByRole('button', { name: 'Toevoegen', exact: true }).click();
      await says(page, `${title} is aan het programma toegevoegd.`);
    }
    // The third from "Mijn sessies".
    await page.getByRole('link', { name: 'Mijn sessies' }).click();
    await page.waitForURL(/\/mijn-sessies$/);
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Ede, juni' }) });
    await expect.poll(() => card.isVisible()).toBe(true);
    await card.getByLabel('Programma voor Ede, juni').selectOption({ label: 'Stevige lokale teams 2026' });
    await card.getByRole('button', { name: 'Toevoegen aan programma: Ede, juni' }).click();
    await says(page, 'Ede, juni zit nu in programma Stevige lokale teams 2026.');
    await expect.poll(() => card.innerText()).toMatch(/In programma\s+Stevige lokale teams 2026/);
    await checkA11y(page, 'my-sessions-organisator');
    await card.getByRole('link', { name: 'Stevige lokale teams 2026' }).click();
    await page.waitForURL(/\/programmas\/[^/]+$/);
  });

  it('shows the largest gap first, hides the small cell, and shows the spread and the trend', async () => {
    const [t1, t2, t3] = sessions[0]!.topics;
    const rows = page.getByRole('table', { name: 'Scores per kenmerk, grootste verschil eerst' }).getByRole('row');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(4);
    // The gap first: now (2+3+2+2+4+3)/6 = 2,7; wanted (4+5+4+4+4+3)/6 = 4,0; gap +1,3, over 3 sessions, 6 groups, 24 people.
    expect((await rows.nth(1).innerText()).replace(/\s+/g, ' ')).toBe(`1. ${t1!.title} +1,3 2,7 4,0 3 6 24`);
    expect((await rows.nth(2).innerText()).replace(/\s+/g, ' ')).toBe(`3. ${t3!.title} +0,9 3,4 4,3 3 9 36`);
    expect((await rows.nth(3).innerText()).replace(/\s+/g, ' ')).toBe(`2. ${t2!.title} Te weinig gegevens Minder dan 3 groepen of minder dan 5 mensen gaven hier een score.`);
    expect(await page.getByText(/groepen in 3 van de 3 sessies/).isVisible()).toBe(true);

    // Per characteristic: the hidden one says so, with no figures.
    const hidden = page.getByRole('article', { name: `2. ${t2!.title}` });
    expect((await hidden.innerText()).replace(/\s+/g, ' ')).toBe(`2. ${t2!.title} Te weinig gegevens. Minder dan 3 groepen of minder dan 5 mensen gaven hier een score.`);
    const first = page.getByRole('article', { name: `1. ${t1!.title}` });
    expect(await first.innerText()).toContain('Nu 2,7 · gewenst 4,0 · verschil +1,3');
    // The spread, as screen readers get it.
    const spread = first.getByRole('figure', { name: 'Spreiding: hoe vaak elke score is gegeven' });
    expect(await spread.getByRole('listitem').allInnerTexts()).toEqual([
      'Score 1: nu 0 keer, gewenst 0 keer.',
      'Score 2: nu 3 keer, gewenst 0 keer.',
      'Score 3: nu 2 keer, gewenst 1 keer.',
      'Score 4: nu 1 keer, gewenst 4 keer.',
      'Score 5: nu 0 keer, gewenst 1 keer.',
    ]);
    // The trend: three session days, each with 2 groups only: too little on its own.
    const trend = first.getByRole('table', { name: /Verloop per sessiedatum/ }).getByRole('row');
    expect((await trend.allInnerTexts()).slice(1).map((r) => r.replace(/\s+/g, ' '))).toEqual([
      '10 feb 2026 Te weinig gegevens',
      '14 apr 2026 Te weinig gegevens',
      '9 jun 2026 Te weinig gegevens',
    ]);
    // Characteristic 3 has three groups every day: its trend is shown, per day.
    const third = page.getByRole('article', { name: `3. ${t3!.title}` }).getByRole('table', { name: /Verloop per sessiedatum/ }).getByRole('row');
    expect((await third.allInnerTexts()).slice(1).map((r) => r.replace(/\s+/g, ' '))).toEqual(['10 feb 2026 2,7 4,3 +1,6', '14 apr 2026 3,3 4,0 +0,7', '9 jun 2026 4,3 4,7 +0,4']);
    await page.getByRole('article', { name: `3. ${t3!.title}` }).screenshot({ path: 'test-results/screenshots/programme-topic-trend.png' });
    // The hidden characteristic's only scores (1 now, 5 wanted) are nowhere, not even in the page's data.
    expect(await page.content()).not.toContain('Deelnemer');
    await checkA11y(page, 'programme-laptop');
    await screenshot(page, 'programme-laptop');
  });

  it('filters by role and period; the downloads carry the filter', async () => {
    const [t1] = sessions[0]!.topics;
    await page.getByLabel('Rol').selectOption('opdrachtgever');
    await page.getByRole('button', { name: 'Filter toepassen' }).click();
    await says(page, 'Het overzicht is bijgewerkt.');
    const rows = page.getByRole('table', { name: 'Scores per kenmerk, grootste verschil eerst' }).getByRole('row');
    // Opdrachtgevers were in the February and April groups only: 4 groups, 6 of them.
    await expect.poll(async () => (await rows.nth(1).innerText()).replace(/\s+/g, ' ')).toBe(`1. ${t1!.title} +2,0 2,3 4,3 2 4 6`);
    await page.getByLabel('Vanaf datum').fill('2026-04-01');
    await page.getByRole('button', { name: 'Filter toepassen' }).click();
    await expect.poll(async () => (await rows.nth(1).innerText()).replace(/\s+/g, ' ')).toMatch(new RegExp(`^1\\. ${t1!.title} Te weinig gegevens`));
    const word = page.getByRole('link', { name: 'Verslag (Word)' });
    expect(await word.getAttribute('href')).toMatch(/\/report\.docx\?from=2026-04-01&role=opdrachtgever$/);
    const download = await page.request.get(app.url + (await word.getAttribute('href'))!);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toContain('wordprocessingml');
    await page.getByRole('button', { name: 'Filter wissen' }).click();
    await expect.poll(async () => (await rows.nth(1).innerText()).replace(/\s+/g, ' ')).toBe(`1. ${t1!.title} +1,3 2,7 4,0 3 6 24`);
  });

  it('reads well on a phone', async () => {
    const phone = await newPage(await browser.newContext({ viewport: PHONE, locale: 'nl-NL', storageState: await page.context().storageState() }), problems, 'phone');
    await phone.goto(page.url());
    await visible(phone, 'heading', 'Waar is het verschil het grootst?');
    await expect.poll(() => phone.getByText('Te weinig gegevens').first().isVisible()).toBe(true);
    await checkA11y(phone, 'programme-phone');
    await screenshot(phone, 'programme-phone');
    // Parts of the long page, to look at closely.
    await phone.getByRole('heading', { name: 'Waar is het verschil het grootst?' }).locator('..').screenshot({ path: 'test-results/screenshots/programme-phone-summary.png' });
    await phone.getByRole('article').first().screenshot({ path: 'test-results/screenshots/programme-phone-topic.png' });
    // No sideways scrolling of the page itself (wide tables scroll in their own box).
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });

  it('a begeleider is told who works with programmes', async () => {
    const bente = await newPage(await browser.newContext({ viewport: LAPTOP, locale: 'nl-NL' }), problems, 'begeleider');
    await bente.goto(`${app.url}/programmas`);
    await bente.waitForURL(/\/inloggen/);
    await signInOnPage(bente, 'begeleider@gemeente.example', FACILITATOR_PASSWORD);
    await bente.waitForURL(/\/programmas$/);
    await expect.poll(() => bente.getByText(/Alleen organisatoren en beheerders werken met programma’s/).isVisible()).toBe(true);
    expect(await bente.getByRole('link', { name: 'Programma’s' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
