/**
 * "Deelnemers toelaten" and the limits as people see them, in Chromium: the facilitator turns
 * admission on, a bot farm joins from one address (flagged in the console, never with the
 * address), a real phone waits with "Even wachten", is let in and lands in the lobby; bots are
 * refused or let in all at once. Then the session fills up: the console says so and the phone
 * keeps the refused answer in its box. Screenshots go to test-results/screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { io as ioClient } from 'socket.io-client';
import { firstStepOf } from '../../shared/domain/agenda.ts';
import { TEMPLATES } from '../../shared/templates.ts';
import { createSession, op, Operator, send, until, type ClientSocket, type CreatedSession } from '../integration/harness.ts';
import { axe, describeViolations, hasChromium, joinOnPhone, launchBrowser, newPage, screenshot, startApp, type RunningApp } from './support/browser.ts';

const LAPTOP_800 = { width: 1280, height: 800 } as const;
const Q1 = TEMPLATES[0].content.questions[0]!.text;

describe.skipIf(!hasChromium)('deelnemers toelaten in the browser', () => {
  let app: RunningApp;
  let browser: Browser;
  let session: CreatedSession;
  let console_: Page;
  let phone: Page;
  let panel: Operator;
  const bots: ClientSocket[] = [];
  const problems: string[] = [];

  async function checkA11y(page: Page, view: string): Promise<void> {
    const violations = await axe(page);
    expect(violations, `${view}:\n${describeViolations(violations)}`).toEqual([]);
  }

  beforeAll(async () => {
    // Behind "our proxy" (X-Forwarded-For), so the bots share one address; a small quota to fill.
    app = await startApp({ app: { trustProxy: true, hub: { maxStoredBytes: 80_000 } } });
    browser = await launchBrowser();
    session = await createSession(app.url);
    panel = await new Operator(app.url, session.sessionId, session.facilitatorSecret).ready();
  });

  afterAll(async () => {
    for (const b of bots) b.disconnect();
    panel?.close();
    await browser?.close();
    await app?.close();
  });

  it('the facilitator turns admission on; twelve joins from one address are flagged, and they wait', async () => {
    console_ = await newPage(await browser.newContext({ viewport: LAPTOP_800, locale: 'nl-NL' }), problems, 'console');
    await console_.goto(`${app.url}/begeleider/${session.sessionId}#${session.facilitatorSecret}`);
    await console_.getByRole('checkbox', { name: 'Deelnemers toelaten' }).check();
    await until(() => panel.state!.settings.admitJoiners === true, 'the setting is on');
    for (let i = 0; i < 12; i++) {
      const bot = ioClient(app.url, { transports: ['polling'], forceNew: true, reconnection: false, extraHeaders: { 'x-forwarded-for': '203.0.113.66' } }) as ClientSocket;
      bots.push(bot);
      expect(await send(bot, 'session:join', { code: session.code, name: `Bot ${i + 1}`, role: 'anders', organisation: '' })).toMatchObject({ ok: true });
    }
    await expect.poll(() => console_.getByText('10 aanmeldingen vanaf één adres in de laatste minuut', { exact: false }).isVisible()).toBe(true);
    await expect.poll(() => console_.getByText('Wachten om binnen te komen: 12').isVisible()).toBe(true);
    expect(await console_.getByText('Veel aanmeldingen vanaf één adres').count()).toBeGreaterThanOrEqual(10);
    expect(await console_.content()).not.toContain('203.0.113.66');
  });

  it('a phone that joins waits with "Even wachten"; let in, it is in the lobby', async () => {
    phone = await joinOnPhone(browser, app.url, session.code, problems);
    await expect.poll(() => phone.getByRole('heading', { name: 'Even wachten: de begeleider laat je zo binnen.' }).isVisible()).toBe(true);
    await screenshot(phone, 'admission-phone-waiting-360');
    await checkA11y(phone, 'phone waiting');

    await expect.poll(() => console_.getByText('Wachten om binnen te komen: 13').isVisible()).toBe(true);
    // Who waits is not counted as in: the bar says "0 binnen".
    expect(await console_.getByText('0 binnen').isVisible()).toBe(true);
    await screenshot(console_, 'admission-console-queue-1280x800');
    await checkA11y(console_, 'console with the queue');
    await console_.getByRole('button', { name: 'Telefoon Tester binnenlaten' }).click();
    await expect.poll(() => phone.getByRole('heading', { name: 'Je bent binnen' }).isVisible()).toBe(true);
  });

  it('a bot is refused (and told), the rest let in at once', async () => {
    await console_.getByRole('button', { name: 'Bot 1 weigeren' }).click();
    await console_.getByRole('button', { name: 'Ja, weigeren' }).click();
    await expect.poll(() => console_.getByText('Wachten om binnen te komen: 11').isVisible()).toBe(true);
    await console_.getByRole('button', { name: 'Iedereen binnenlaten (11)' }).click();
    await expect.poll(() => console_.getByText(/Wachten om binnen te komen/).count()).toBe(0);
    await until(() => Object.values(panel.state!.participants).filter((p) => !p.removed && !p.waiting).length === 12, 'twelve are in');
  });

  it('a full session: the console says so, the phone keeps its answer in the box with the reason', async () => {
    expect(await panel.send('groups:form', { opId: op() })).toMatchObject({ ok: true });
    expect(await panel.send('step:set', { opId: op(), stepIndex: firstStepOf(panel.state!, 'topic') })).toMatchObject({ ok: true });
    await until(() => panel.state!.agenda[panel.state!.stepIndex]?.kind === 'topic', 'at the first topic');
    // The bots write long answers until the session is full.
    const long = 'Een lang antwoord. '.repeat(100);
    let full = false;
    for (let round = 0; round < 10 && !full; round++) {
      for (const [i, bot] of bots.slice(1).entries()) {
        const ack = await send(bot, 'answer:add', { answerId: `bot-${round}-${i}-xxxxxxxx`, topicId: 'k1', questionId: 'q1', text: long });
        if (!ack.ok && ack.key === 'error.sessionFull') full = true;
        if (full) break;
      }
    }
    expect(full).toBe(true);
    await expect.poll(() => console_.getByText(/^Deze sessie is vol/).isVisible()).toBe(true);
    // The bots' long answers make the pages tall: what is in view is what matters here.
    await console_.evaluate(() => window.scrollTo(0, 0));
    await console_.screenshot({ path: 'test-results/screenshots/storage-full-console-1280x800.png' });

    const box = phone.getByLabel(`Jouw antwoord op: ${Q1}`);
    await expect.poll(() => box.isVisible()).toBe(true);
    await box.fill('Dit past er niet meer bij');
    await box.locator('xpath=ancestor::form').getByRole('button', { name: 'Toevoegen' }).click();
    await expect.poll(() => phone.getByText(/Deze sessie is vol/).first().isVisible()).toBe(true);
    await expect.poll(() => box.inputValue()).toContain('Dit past er niet meer bij');
    await phone.evaluate(() => window.scrollTo(0, 0));
    await phone.screenshot({ path: 'test-results/screenshots/storage-full-phone-360-top.png' });
    await box.scrollIntoViewIfNeeded();
    await phone.screenshot({ path: 'test-results/screenshots/storage-full-phone-360-box.png' });
    await checkA11y(phone, 'phone with a full session');
  });

  it('no console errors', () => {
    expect(problems).toEqual([]);
  });
});
