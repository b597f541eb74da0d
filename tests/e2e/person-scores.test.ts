/**
 * "Scores per persoon" in the browser (issue 12): a session created scoring per person; one
 * real phone (360×740) and seven socket phones in two groups of 4 at the first
 * characteristic. The phone says "Jouw score", shows the group's average and how many
 * scored; the person scores with the keyboard and the average follows on the phone and on
 * the projector (1920×1080), which shows the group's mean with one decimal. axe finds
 * nothing on either. Screenshots: test-results/screenshots/person-scores-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { firstStepOf } from '../../shared/domain/agenda.ts';
import { createSession, op, Operator, Phone, send, until, type CreatedSession } from '../integration/harness.ts';
import { axe, describeViolations, hasChromium, joinOnPhone, launchBrowser, newPage, PROJECTOR, screenshot, startApp, type RunningApp } from './support/browser.ts';

describe.skipIf(!hasChromium)('scores per person on the phone and the projector', () => {
  let app: RunningApp;
  let browser: Browser;
  let session: CreatedSession;
  let panel: Operator;
  let phone: Page;
  let screen: Page;
  const others: Phone[] = [];
  /** The socket phones in the real phone's group. */
  let mates: Phone[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    session = await createSession(app.url, { templateId: 'stevige-lokale-teams', scoring: 'person' });
    panel = await new Operator(app.url, session.sessionId, session.facilitatorSecret).ready();
    phone = await joinOnPhone(browser, app.url, session.code, problems);
    await until(() => Object.keys(panel.state!.participants).length === 1, 'the phone joined');
    for (const [i, name] of ['Anna de Vries', 'Bram Jansen', 'Chris Bakker', 'Dewi Smit', 'Eva Mulder', 'Fatima Bos', 'Gijs Visser'].entries()) {
      const p = new Phone(app.url);
      others.push(p);
      expect(await p.join(session.code, name, i % 2 ? 'opdrachtgever' : 'opdrachtnemer', 'Buurtteam')).toMatchObject({ ok: true });
    }
    expect(await panel.send('groups:form', { opId: op(), targetSize: 4 })).toMatchObject({ ok: true });
    await until(() => others.every((p) => p.group), 'everyone in a group');
    const mine = Object.values(panel.state!.participants).find((p) => p.name === 'Telefoon Tester')!.groupId;
    mates = others.filter((p) => p.group!.id === mine);
    expect(mates).toHaveLength(3);
    // The other group: two of its four score.
    const topicId = panel.state!.content.topics[0]!.id;
    const rest = others.filter((p) => p.group!.id !== mine);
    expect(await send(rest[0]!.socket, 'rating:set', { opId: op(), topicId, now: 1, want: 4 })).toMatchObject({ ok: true });
    expect(await send(rest[1]!.socket, 'rating:set', { opId: op(), topicId, now: 2, want: 5 })).toMatchObject({ ok: true });
    expect(await panel.send('step:set', { opId: op(), stepIndex: firstStepOf(panel.state!, 'topic') })).toMatchObject({ ok: true });
    screen = await newPage(await browser.newContext({ viewport: PROJECTOR, locale: 'nl-NL' }), problems, 'screen');
    await screen.goto(`${app.url}/scherm/${session.sessionId}#${session.screenSecret}`);
  }, 60_000);

  afterAll(async () => {
    for (const p of others) p.close();
    panel?.close();
    await browser?.close();
    await app?.close();
  });

  it('the phone says it is your own score, with the group’s average and how many scored', async () => {
    const topicId = panel.state!.content.topics[0]!.id;
    const scores = [
      { now: 2, want: 4 },
      { now: 3, want: 5 },
      { now: 4, want: 4 },
    ];
    for (const [i, p] of mates.entries()) expect(await send(p.socket, 'rating:set', { opId: op(), topicId, ...scores[i]! })).toMatchObject({ ok: true });
    const card = phone.getByRole('region', { name: 'Jouw score' });
    await expect.poll(() => card.isVisible()).toBe(true);
    await expect.poll(() => card.innerText()).toContain('Gemiddeld: nu 3,0, gewenst 4,3.');
    expect(await card.innerText()).toContain('Scores gegeven: 3 van 4 mensen.');
    // Nothing of mine chosen yet.
    expect(await card.getByRole('radio', { checked: true }).count()).toBe(0);
  });

  it('scoring with the keyboard: the average follows on the phone and on the projector (one decimal)', async () => {
    const card = phone.getByRole('region', { name: 'Jouw score' });
    // Tab into the "now" radio group, arrow to 5: what a keyboard or switch user does.
    const now = card.getByRole('group', { name: 'Hoe is het nu?' });
    await now.getByRole('radio', { name: '1', exact: true }).focus();
    for (let i = 0; i < 4; i++) await phone.keyboard.press('ArrowRight');
    await expect.poll(() => now.getByRole('radio', { name: '5', exact: true }).isChecked()).toBe(true);
    await card.getByRole('group', { name: 'Hoe wil jij het?' }).getByText('5', { exact: true }).click();
    // (2 + 3 + 4 + 5) / 4 = 3,5; (4 + 5 + 4 + 5) / 4 = 4,5.
    await expect.poll(() => card.innerText()).toContain('Gemiddeld: nu 3,5, gewenst 4,5.');
    expect(await card.innerText()).toContain('Scores gegeven: 4 van 4 mensen.');
    await expect.poll(() => card.getByText('Nog niet verstuurd').count()).toBe(0);
    const chart = screen.getByRole('figure', { name: /gemiddelde per groep/ });
    const mine = panel.state!.groups.find((g) => g.id === mates[0]!.group!.id)!.number;
    const other = 3 - mine;
    await expect.poll(() => chart.getByText(`Groep ${mine}, 4 van 4 mensen: nu 3,5, gewenst 4,5, verschil 1,0.`).count()).toBeGreaterThan(0);
    expect(await chart.getByText(`Groep ${other}, 2 van 4 mensen: nu 1,5, gewenst 4,5, verschil 3,0.`).count()).toBeGreaterThan(0);
    expect(await chart.innerText()).toContain('3,5');
    await screenshot(phone, 'person-scores-phone-360');
    await screenshot(screen, 'person-scores-projector-1920');
  });

  it('the console: the progress shows the means and counts; the way of scoring is fixed now, and says so', async () => {
    const console_ = await newPage(await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'nl-NL' }), problems, 'console');
    await console_.goto(`${app.url}/begeleider/${session.sessionId}#${session.facilitatorSecret}`);
    await console_.getByRole('tab', { name: 'Voortgang' }).click();
    await expect.poll(() => console_.getByText('Gemiddelde van 4 van 4 mensen').count()).toBe(1);
    expect(await console_.getByText('nu 3,5, gewenst 4,5').count()).toBe(1);
    await console_.getByRole('tab', { name: 'Instellingen' }).click();
    const choice = console_.getByRole('group', { name: 'Scores' });
    await expect.poll(() => choice.isVisible()).toBe(true);
    expect(await choice.getByRole('button', { name: 'Per persoon' }).getAttribute('aria-pressed')).toBe('true');
    expect(await choice.getByRole('button', { name: 'Per groep' }).isDisabled()).toBe(true);
    expect(await choice.innerText()).toContain('Er is al een score gegeven. Dit kan nu niet meer veranderen.');
    await screenshot(console_, 'person-scores-console-settings');
    const violations = await axe(console_);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('axe finds nothing on the phone or the projector, and nothing went wrong in the pages', async () => {
    for (const page of [phone, screen]) {
      const violations = await axe(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    }
    expect(problems).toEqual([]);
  });
});
