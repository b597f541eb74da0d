/**
 * Names and answers are text, everywhere: HTML in an answer shows as characters, and very
 * long words, dense Unicode and right-to-left text cannot push the shared screen or a
 * phone wider than its window.
 */
import { firstStepOf } from '../../shared/domain/agenda.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nanoid } from 'nanoid';
import type { Browser, Page } from 'playwright-core';
import { createSession, op, Operator, Phone, send, type CreatedSession } from '../integration/harness.ts';
import { hasChromium, launchBrowser, newPage, PHONE, PROJECTOR, screenshot, startApp, type RunningApp } from './support/browser.ts';

const LONG_NAME = 'Maximiliaan'.repeat(5);
const RTL_NAME = 'مريم العربي';
const ZALGO = 'Z' + '\u0300\u0301\u0302\u0303\u0304'.repeat(20) + 'algo';
const HTML = '<img src=x onerror="document.title=\'gehackt\'"><script>document.title="gehackt"</script>';
const LONG_WORD = 'Ontwikkelingsbegeleidingstrajectcoördinatie'.repeat(40);

async function noHorizontalOverflow(page: Page): Promise<{ scroll: number; client: number }> {
  return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
}

describe.skipIf(!hasChromium)('hostile text on the screen and the phones', () => {
  let app: RunningApp;
  let browser: Browser;
  let session: CreatedSession;
  const phones: Phone[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    session = await createSession(app.url);
    for (const [name, org] of [
      [LONG_NAME, 'Gemeente ' + 'Langedorpsgemeenteraad'.repeat(3)],
      [RTL_NAME, 'بلدية'],
      [ZALGO, '\u202Eteam'],
      ['Gewoon Iemand', 'Wijkteam'],
    ] as const) {
      const phone = new Phone(app.url);
      phones.push(phone);
      expect(await phone.join(session.code, name, 'anders', org)).toMatchObject({ ok: true });
    }
    const panel = await new Operator(app.url, session.sessionId, session.facilitatorSecret).ready();
    await panel.send('groups:form', { opId: op(), targetSize: 4 });
    await panel.send('step:set', { opId: op(), stepIndex: firstStepOf(panel.state!, 'topic') });
    panel.close();
    for (const text of [HTML, LONG_WORD]) {
      expect(await send(phones[0]!.socket, 'answer:add', { answerId: nanoid(), topicId: 'k1', questionId: 'q1', text })).toMatchObject({ ok: true });
    }
  });

  afterAll(async () => {
    for (const p of phones) p.close();
    await browser?.close();
    await app?.close();
  });

  it('the shared screen shows HTML as text and stays within the projector', async () => {
    const screen = await newPage(await browser.newContext({ viewport: PROJECTOR }), problems, 'screen');
    await screen.goto(`${app.url}/scherm/${session.sessionId}#${session.screenSecret}`);
    // The screen also keeps a hidden copy of its content to measure pages: look at what is shown.
    await expect.poll(() => screen.getByText(HTML).filter({ visible: true }).isVisible()).toBe(true);
    expect(await screen.title()).not.toBe('gehackt');
    const { scroll, client } = await noHorizontalOverflow(screen);
    expect(scroll).toBeLessThanOrEqual(client);
    await screenshot(screen, 'screen-hostile-text-projector');
  });

  it('the lobby on the screen shows hostile first names as text, each inside its own box', async () => {
    const panel = await new Operator(app.url, session.sessionId, session.facilitatorSecret).ready();
    expect(await panel.send('step:set', { opId: op(), stepIndex: 0 })).toMatchObject({ ok: true });
    const screen = await newPage(await browser.newContext({ viewport: PROJECTOR }), problems, 'screen-lobby');
    await screen.goto(`${app.url}/scherm/${session.sessionId}#${session.screenSecret}`);
    const names = screen.getByRole('region', { name: 'Net binnen' }).getByRole('listitem');
    await expect.poll(() => names.count()).toBe(4);
    const boxes = await names.evaluateAll((lis) =>
      lis.map((li) => {
        const list = li.parentElement!.getBoundingClientRect();
        const r = li.getBoundingClientRect();
        return r.left >= list.left - 1 && r.right <= list.right + 1 && li.scrollHeight <= li.clientHeight + 1 && li.children.length === 0;
      }),
    );
    expect(boxes).toEqual([true, true, true, true]);
    expect(await screen.title()).not.toBe('gehackt');
    await screenshot(screen, 'screen-hostile-lobby-projector');
    // Back to the topic, where the next tests look at the answers.
    expect(await panel.send('step:set', { opId: op(), stepIndex: firstStepOf(panel.state!, 'topic') })).toMatchObject({ ok: true });
    panel.close();
  });

  it('a phone in that group stays 360 px wide and shows the text literally', async () => {
    const phone = await newPage(await browser.newContext({ viewport: PHONE }), problems, 'phone');
    // Resume as the long-named participant, as the real page does after a reload.
    await phone.goto(app.url);
    await phone.evaluate(
      ([code, token, participantId, sessionId]) =>
        localStorage.setItem(`samenspraak:participant:${code}`, JSON.stringify({ token, participantId, sessionId })),
      [session.code, phones[0]!.token!, phones[0]!.participantId!, session.sessionId],
    );
    await phone.goto(`${app.url}/j/${session.code}`);
    await expect.poll(() => phone.getByText(HTML).isVisible()).toBe(true);
    expect(await phone.title()).not.toBe('gehackt');
    const { scroll, client } = await noHorizontalOverflow(phone);
    expect(scroll).toBeLessThanOrEqual(client);
    await screenshot(phone, 'phone-hostile-text');
  });

  it('at 200% text size a phone still needs no sideways scrolling', async () => {
    const phone = await newPage(await browser.newContext({ viewport: PHONE }), problems, 'zoomed');
    await phone.goto(`${app.url}/j/${session.code}`);
    await expect.poll(() => phone.getByLabel('Naam').isVisible()).toBe(true);
    await phone.evaluate(() => (document.documentElement.style.fontSize = '200%'));
    const { scroll, client } = await noHorizontalOverflow(phone);
    expect(scroll).toBeLessThanOrEqual(client);
    await screenshot(phone, 'join-phone-200pct');
  });

  it('no console errors', () => {
    expect(problems).toEqual([]);
  });
});
