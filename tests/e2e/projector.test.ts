/**
 * The shared screen with a full room: 72 people in 12 groups of 6, 5 answers of 300–600
 * characters per group and a 1,500-character takeaway. On the projector (1920×1080) and an
 * old one (1024×768), every answer, every member and the takeaway is fully visible (inside
 * the window, clipped by nothing) on some page within one rotation (and at 1280×720); text is large enough
 * for the back of the room; axe finds nothing. Screenshots of every view are saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nanoid } from 'nanoid';
import type { Browser, Page } from 'playwright-core';
import { firstStepOf, type StepKind } from '../../shared/domain/agenda.ts';
import type { SessionState } from '../../shared/domain/types.ts';
import { createSession, op, Operator, Phone, send, type CreatedSession } from '../integration/harness.ts';
import { TakeawayWriter } from '../integration/yjsWriter.ts';
import { axe, describeViolations, hasChromium, launchBrowser, newPage, PROJECTOR, screenshot, startApp, type RunningApp } from './support/browser.ts';
import { fullyVisibleIds, pagerState } from './support/visibility.ts';

const OLD_PROJECTOR = { width: 1024, height: 768 } as const;
const HD_READY = { width: 1280, height: 720 } as const;
const GROUPS = 12;
const PER_GROUP = 6;

const WORDS = (
  'de wijkteams werken samen met de huisarts en de school en bellen het telefoonnummer van de gemeente ' +
  'wanneer een gezin ondersteuning nodig heeft; samenwerkingsafspraken over verantwoordelijkheden blijven belangrijk'
).split(' ');

/** A Dutch-looking text of exactly about `length` characters, unique by `tag`. */
function text(tag: string, length: number): string {
  let out = `${tag}:`;
  let seed = [...tag].reduce((n, c) => n * 31 + c.charCodeAt(0), 7) >>> 0;
  while (out.length < length) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    out += ` ${WORDS[seed % WORDS.length]}`;
  }
  return out.slice(0, length).trimEnd() + '.';
}

function stepIndex(state: SessionState, kind: string): number {
  return firstStepOf(state, kind as StepKind);
}

describe.skipIf(!hasChromium)('the projector with 12 groups of 6', () => {
  let app: RunningApp;
  let browser: Browser;
  let session: CreatedSession;
  let panel: Operator;
  let screen: Page;
  const phones: Phone[] = [];
  const problems: string[] = [];
  const answerIds: string[] = [];
  const names: string[] = [];
  let takeaway = '';

  async function to(kind: string): Promise<void> {
    expect(await panel.send('step:set', { opId: op(), stepIndex: stepIndex(panel.state!, kind) })).toMatchObject({ ok: true });
  }

  /** Steps through every page of the pager and returns the ids seen fully visible on some page. */
  async function seenInOneRotation(pager: string, selector: string, attr: string): Promise<Set<string>> {
    // Let the pager lay out the current content first.
    await expect.poll(() => screen.locator(`${pager}[data-settled="true"]`).count()).toBe(1);
    const [, pages] = await pagerState(screen, pager);
    const seen = new Set<string>();
    for (let i = 0; i < pages; i++) {
      const [page] = await pagerState(screen, pager);
      for (const id of await fullyVisibleIds(screen, selector, attr)) seen.add(id);
      if (pages > 1) {
        await screen.keyboard.press('ArrowRight');
        await expect.poll(async () => (await pagerState(screen, pager))[0]).not.toBe(page);
      }
    }
    return seen;
  }

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    session = await createSession(app.url);
    for (let i = 0; i < GROUPS * PER_GROUP; i++) {
      const phone = new Phone(app.url);
      phones.push(phone);
      const name = `Deelnemer${String(i + 1).padStart(2, '0')} Achternaam`;
      names.push(name);
      expect(await phone.join(session.code, name, i % 2 === 0 ? 'opdrachtgever' : 'opdrachtnemer', `Organisatie ${i % 9}`)).toMatchObject({ ok: true });
    }
    panel = await new Operator(app.url, session.sessionId, session.facilitatorSecret).ready();
    // The test steps the pages itself; the clock's own turning is checked at the end.
    expect(await panel.send('settings:update', { opId: op(), settings: { screenRotationPaused: true } })).toMatchObject({ ok: true });
    expect(await panel.send('groups:form', { opId: op(), targetSize: PER_GROUP })).toMatchObject({ ok: true });
    await new Promise<void>((resolve, reject) => {
      const start = Date.now();
      const check = (): void => {
        if (phones.every((p) => p.group)) resolve();
        else if (Date.now() - start > 10_000) reject(new Error('not everyone got a group'));
        else setTimeout(check, 20);
      };
      check();
    });
    expect(panel.state!.groups).toHaveLength(GROUPS);
    expect(panel.state!.groups.every((g) => g.memberIds.length === PER_GROUP)).toBe(true);

    await to('topic');
    const topicId = panel.state!.content.topics[0]!.id;
    const questions = panel.state!.content.questions;
    for (const g of panel.state!.groups) {
      const members = phones.filter((p) => p.group?.id === g.id);
      const rating = { now: 1 + (g.number % 5), want: 1 + ((g.number + 2) % 5) };
      expect(await send(members[5]!.socket, 'rating:set', { opId: op(), topicId, ...rating })).toMatchObject({ ok: true });
      for (let k = 0; k < 5; k++) {
        const answerId = nanoid();
        answerIds.push(answerId);
        const body = text(`G${g.number}A${k + 1}`, 300 + ((g.number * 5 + k) * 37) % 301);
        const ack = await send(members[k]!.socket, 'answer:add', { answerId, topicId, questionId: questions[k % questions.length]!.id, text: body });
        expect(ack).toMatchObject({ ok: true });
      }
    }
    const first = panel.state!.groups.find((g) => g.number === 1)!;
    takeaway = text('Wij nemen mee', 1500);
    const writer = phones.find((p) => p.group?.id === first.id)!;
    const shared = new TakeawayWriter(writer, first.id);
    expect(await shared.sync()).toMatchObject({ ok: true });
    shared.type(takeaway);
    expect(await shared.flush()).toMatchObject({ ok: true });

    screen = await newPage(await browser.newContext({ viewport: PROJECTOR, locale: 'nl-NL' }), problems, 'screen');
    await screen.goto(`${app.url}/scherm/${session.sessionId}#${session.screenSecret}`);
  }, 120_000);

  afterAll(async () => {
    for (const p of phones) p.close();
    panel?.close();
    await browser?.close();
    await app?.close();
  });

  for (const viewport of [PROJECTOR, OLD_PROJECTOR, HD_READY]) {
    const size = `${viewport.width}×${viewport.height}`;

    it(`shows every answer of 12 groups × 5 fully within one rotation at ${size}`, async () => {
      await screen.setViewportSize(viewport);
      await to('topic');
      await expect.poll(() => screen.getByRole('heading', { level: 1, name: panel.state!.content.topics[0]!.title }).isVisible()).toBe(true);
      await screenshot(screen, `projector-topic-${viewport.width}`);
      const seen = await seenInOneRotation('[data-pager][aria-label="Antwoorden van de groepen"]', '[data-answer-id]', 'data-answer-id');
      expect(answerIds.filter((id) => !seen.has(id))).toEqual([]);
      if (viewport === PROJECTOR) {
        const sizes = await screen.evaluate(() => ({
          answer: Math.min(...Array.from(document.querySelectorAll('[data-pager] .fp-page [data-answer-id] .text'), (el) => parseFloat(getComputedStyle(el).fontSize))),
          chart: Math.min(...Array.from(document.querySelectorAll('.gap-chart figcaption, .gap-chart .fp-page .label, .gap-chart .fp-page .value'), (el) => parseFloat(getComputedStyle(el).fontSize))),
        }));
        expect(sizes.answer).toBeGreaterThanOrEqual(28);
        const rows = await seenInOneRotation('.gap-chart [data-pager]', '.gap-chart .fp-page .label', 'data-label');
        expect(panel.state!.groups.map((g) => `Groep ${g.number}`).filter((l) => !rows.has(l))).toEqual([]);
        expect(sizes.chart).toBeGreaterThanOrEqual(24);
        await screenshot(screen, 'projector-topic-1920');
        const violations = await axe(screen);
        expect(violations, describeViolations(violations)).toEqual([]);
      } else {
        await screenshot(screen, 'projector-topic-1024');
      }
    });

    it(`shows every member of 12 groups of 6 on "Zoek je groep" within one rotation at ${size}`, async () => {
      await screen.setViewportSize(viewport);
      await to('groups');
      await expect.poll(() => screen.getByRole('heading', { name: 'Zoek je groep' }).isVisible()).toBe(true);
      const seen = await seenInOneRotation('[data-pager][aria-label="Zoek je groep"]', '.fp-page .name', 'data-name');
      expect(names.filter((n) => !seen.has(n))).toEqual([]);
      await screenshot(screen, `projector-groups-${viewport.width}`);
      if (viewport === PROJECTOR) {
        const violations = await axe(screen);
        expect(violations, describeViolations(violations)).toEqual([]);
      }
    });

    it(`shows a 1,500-character takeaway and every answer of the group in the spotlight at ${size}`, async () => {
      await screen.setViewportSize(viewport);
      await to('feedback');
      const first = panel.state!.groups.find((g) => g.number === 1)!;
      expect(await panel.send('spotlight:set', { opId: op(), groupId: first.id })).toMatchObject({ ok: true });
      await expect.poll(() => screen.getByRole('heading', { name: 'Groep 1', level: 1 }).isVisible()).toBe(true);
      await screenshot(screen, `projector-feedback-${viewport.width}`);
      const seen = await seenInOneRotation('[data-pager][aria-label="Terugkoppeling"]', '.fp-page [data-feedback-item]', 'data-feedback-item');
      const ids = Object.values(panel.state!.answers).filter((a) => a.groupId === first.id).map((a) => a.id);
      expect(['takeaway', ...ids].filter((id) => !seen.has(id))).toEqual([]);
      // The takeaway is shown whole, not split into parts.
      expect(await screen.locator('.fp-page [data-feedback-item="takeaway"]').first().innerText()).toBe(takeaway);
      await screenshot(screen, `projector-feedback-${viewport.width}`);
      if (viewport === PROJECTOR) {
        const violations = await axe(screen);
        expect(violations, describeViolations(violations)).toEqual([]);
      }
    });
  }

  it('shows the takeaways, the lobby with first names and the closing at 1920×1080; no big idle timer', async () => {
    await screen.setViewportSize(PROJECTOR);
    await to('takeaway');
    await expect.poll(() => screen.getByRole('heading', { level: 1, name: panel.state!.content.takeawayQuestion }).isVisible()).toBe(true);
    // The timer has not been started: no clock on the screen.
    expect(await screen.getByRole('timer').count()).toBe(0);
    await screenshot(screen, 'projector-takeaway-1920');
    let violations = await axe(screen);
    expect(violations, describeViolations(violations)).toEqual([]);

    expect(await panel.send('timer:start', { opId: op() })).toMatchObject({ ok: true });
    expect(await panel.send('timer:pause', { opId: op() })).toMatchObject({ ok: true });
    await expect.poll(() => screen.getByText(/gepauzeerd/).first().isVisible()).toBe(true);

    await to('lobby');
    await expect.poll(() => screen.getByRole('heading', { name: 'Net binnen' }).isVisible()).toBe(true);
    // The newest arrival's first name is there.
    await expect.poll(() => screen.locator('.names li', { hasText: 'Deelnemer72' }).isVisible()).toBe(true);
    await screenshot(screen, 'projector-lobby-1920');
    violations = await axe(screen);
    expect(violations, describeViolations(violations)).toEqual([]);

    expect(await panel.send('settings:update', { opId: op(), settings: { screenLobbyNames: false } })).toMatchObject({ ok: true });
    await expect.poll(() => screen.getByRole('heading', { name: 'Net binnen' }).count()).toBe(0);

    await to('closing');
    await expect.poll(() => screen.getByText('Bedankt!').isVisible()).toBe(true);
    await screenshot(screen, 'projector-closing-1920');
    violations = await axe(screen);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('a large wall (156 answers) reads only the card that changed, and still shows every answer within one rotation', async () => {
    await screen.setViewportSize(PROJECTOR);
    const second = panel.state!.content.topics[1]!.id;
    const topicSteps = panel.state!.agenda.flatMap((s, i) => (s.kind === 'topic' ? [i] : []));
    expect(await panel.send('step:set', { opId: op(), stepIndex: topicSteps[1]! })).toMatchObject({ ok: true });
    const questions = panel.state!.content.questions;
    const ids: string[] = [];
    let last = '';
    const add = async (phone: Phone, tag: string): Promise<string> => {
      const answerId = nanoid();
      last = text(tag, 60 + (ids.length * 13) % 90);
      const ack = await send(phone.socket, 'answer:add', { answerId, topicId: second, questionId: questions[ids.length % questions.length]!.id, text: last });
      expect(ack).toMatchObject({ ok: true });
      ids.push(answerId);
      return answerId;
    };
    for (const [i, phone] of phones.entries()) {
      await add(phone, `L${i}a`);
      await add(phone, `L${i}b`);
    }
    for (let i = 0; i < 12; i++) await add(phones[i]!, `L${i}c`);
    expect(ids).toHaveLength(156);
    const wall = '[data-pager][aria-label="Antwoorden van de groepen"]';
    // The screen has the last answer (in its hidden copy at least) before the pages are read.
    await expect.poll(() => screen.getByText(last).count()).toBeGreaterThan(0);
    const seen = await seenInOneRotation(wall, '[data-answer-id]', 'data-answer-id');
    expect(ids.filter((id) => !seen.has(id))).toEqual([]);

    // One answer changes: only its card is read again, and the new text is on a page of the rotation.
    const edited = ids[40]!;
    const author = phones.find((p) => p.participantId === panel.state!.answers[edited]!.authorId)!;
    const longer = text('Bewerkt', 240);
    expect(await send(author.socket, 'answer:edit', { answerId: edited, text: longer, rev: 2 })).toMatchObject({ ok: true });
    await expect.poll(() => screen.getByText(longer).count()).toBeGreaterThan(0);
    const again = await seenInOneRotation(wall, '[data-answer-id]', 'data-answer-id');
    expect(ids.filter((id) => !again.has(id))).toEqual([]);
    // The layout after the change read that one card again, not all twelve.
    expect(await screen.locator(wall).getAttribute('data-cards-read')).toBe('1');
    const shownEdit = screen.locator(`${wall} .fp-page [data-answer-id="${edited}"] .text`);
    const [, pages] = await pagerState(screen, wall);
    for (let i = 0; i < pages && (await shownEdit.count()) === 0; i++) await screen.keyboard.press('ArrowRight');
    expect(await shownEdit.innerText()).toBe(longer);
  }, 60_000);

  it('the console’s "Volgende pagina" and "Vorige pagina" turn the projector’s page', async () => {
    await screen.setViewportSize(PROJECTOR);
    await to('topic');
    const wall = '[data-pager][aria-label="Antwoorden van de groepen"]';
    await expect.poll(() => screen.locator(`${wall}[data-settled="true"]`).count()).toBe(1);
    const [page, pages] = await pagerState(screen, wall);
    expect(pages).toBeGreaterThan(1);
    const console_ = await newPage(await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL' }), problems, 'console');
    await console_.goto(`${app.url}/begeleider/${session.sessionId}#${session.facilitatorSecret}`);
    const buttons = console_.getByRole('group', { name: 'Pagina’s op het scherm' });
    await buttons.getByRole('button', { name: 'Volgende pagina' }).click();
    await expect.poll(async () => (await pagerState(screen, wall))[0]).toBe((page % pages) + 1);
    await buttons.getByRole('button', { name: 'Vorige pagina' }).click();
    await expect.poll(async () => (await pagerState(screen, wall))[0]).toBe(page);
    await console_.context().close();
  }, 30_000);

  it('keeps the join code in a corner until the facilitator hides it, and turns the pages by itself', async () => {
    await to('topic');
    const corner = screen.getByRole('complementary', { name: 'Meedoen' });
    await expect.poll(() => corner.isVisible()).toBe(true);
    expect(await corner.innerText()).toContain(session.code.slice(0, 3));
    expect(await panel.send('settings:update', { opId: op(), settings: { screenJoinHidden: true } })).toMatchObject({ ok: true });
    await expect.poll(() => corner.count()).toBe(0);
    expect(await panel.send('settings:update', { opId: op(), settings: { screenJoinHidden: false, locked: true } })).toMatchObject({ ok: true });
    await expect.poll(() => corner.count()).toBe(0);
    expect(await panel.send('settings:update', { opId: op(), settings: { locked: false } })).toMatchObject({ ok: true });
    await expect.poll(() => corner.isVisible()).toBe(true);

    // Paused: the page says so. Turning again: the next page comes by itself.
    const wall = '[data-pager][aria-label="Antwoorden van de groepen"]';
    await expect.poll(() => screen.locator(wall).getByText('gepauzeerd').isVisible()).toBe(true);
    const [page, pages] = await pagerState(screen, wall);
    expect(pages).toBeGreaterThan(1);
    expect(await panel.send('settings:update', { opId: op(), settings: { screenRotationPaused: false } })).toMatchObject({ ok: true });
    await expect.poll(async () => (await pagerState(screen, wall))[0], { timeout: 15_000 }).not.toBe(page);
    expect(problems).toEqual([]);
  }, 30_000);
});
