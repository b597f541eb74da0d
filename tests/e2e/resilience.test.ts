/**
 * Nothing lost, in a real browser: a phone that goes offline keeps what is typed and sends
 * it when the network returns; a server restart (new process state, same SQLite file)
 * is ridden out by the phone without typing the code again.
 */
import { firstStepOf } from '../../shared/domain/agenda.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createApp, type App } from '../../server/app.ts';
import { silentLogger } from '../../server/logger.ts';
import { SqliteStore } from '../../server/store/sqliteStore.ts';
import { freePort } from '../../scripts/lib/serverProcess.ts';
import { createSession, op, Operator, useToken, type CreatedSession } from '../integration/harness.ts';
import { seedAccount, testAccounts } from '../support/accounts.ts';
import { hasChromium, launchBrowser, newPage, PHONE, screenshot } from './support/browser.ts';

const Q1 = 'Is dit wat je wil of hoe het nu is?';

describe.skipIf(!hasChromium)('a phone rides out network loss and a server restart', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'samenspraak-e2e-resilience-'));
  const file = path.join(dir, 'data.sqlite');
  // Accounts in memory: they outlive the restarts below, like the sessions on disk.
  const accounts = testAccounts();
  let port = 0;
  let url = '';
  let store: SqliteStore;
  let app: App;
  let browser: Browser;
  let phone: Page;
  let session: CreatedSession;
  const problems: string[] = [];

  async function start(): Promise<void> {
    store = SqliteStore.open(file);
    app = createApp({ store, logger: silentLogger(), clientDir: path.resolve('dist/client'), accounts });
    await new Promise<void>((r) => app.http.listen(port, '127.0.0.1', r));
  }
  async function stop(): Promise<void> {
    await app.close();
    await store.close();
  }

  async function facilitatorAnswers(): Promise<string[]> {
    const panel = await new Operator(url, session.sessionId, session.facilitatorSecret).ready();
    const texts = Object.values(panel.state!.answers).map((a) => a.text);
    panel.close();
    return texts;
  }

  async function add(text: string): Promise<void> {
    const box = phone.getByLabel(`Jouw antwoord op: ${Q1}`);
    await box.fill(text);
    await box.locator('xpath=ancestor::form').getByRole('button', { name: 'Toevoegen' }).click();
  }

  beforeAll(async () => {
    port = await freePort();
    url = `http://127.0.0.1:${port}`;
    useToken(url, (await seedAccount(accounts.store)).token);
    await start();
    browser = await launchBrowser();
  });

  it('a phone joins and reaches the first characteristic', async () => {
    session = await createSession(url);
    phone = await newPage(await browser.newContext({ viewport: PHONE }), problems, 'phone');
    await phone.goto(`${url}/j/${session.code}`);
    await phone.getByLabel('Naam').fill('Noor');
    await phone.getByRole('radio', { name: /^Opdrachtnemer/ }).check();
    await phone.getByRole('button', { name: 'Meedoen' }).click();
    await expect.poll(() => phone.getByRole('heading', { name: 'Je bent binnen' }).isVisible()).toBe(true);
    const panel = await new Operator(url, session.sessionId, session.facilitatorSecret).ready();
    await panel.send('groups:form', { opId: op() });
    await panel.send('step:set', { opId: op(), stepIndex: firstStepOf(panel.state!, 'topic') });
    panel.close();
    await expect.poll(() => phone.getByRole('heading', { name: 'Passende omvang en expertise' }).isVisible()).toBe(true);
  });

  afterAll(async () => {
    await browser?.close();
    await stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('offline: the answer waits on the phone, marked as not sent, and goes out when the network returns', async () => {
    await phone.context().setOffline(true);
    await phone.evaluate(() => window.dispatchEvent(new Event('offline')));
    await add('Getypt zonder netwerk');
    await expect.poll(() => phone.getByText('1 nog niet verzonden').isVisible()).toBe(true);
    await expect.poll(() => phone.getByText('nog niet verzonden', { exact: true }).isVisible()).toBe(true);
    await screenshot(phone, 'offline-phone');
    await phone.context().setOffline(false);
    await phone.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => phone.getByText('1 nog niet verzonden').isVisible(), { timeout: 15_000 }).toBe(false);
    await expect.poll(facilitatorAnswers, { timeout: 10_000 }).toContain('Getypt zonder netwerk');
  });

  it('server restart: the phone says it is reconnecting, keeps what is typed meanwhile, and comes back as the same person', async () => {
    await stop();
    await expect.poll(() => phone.getByText(/Opnieuw verbinden|Offline/).first().isVisible(), { timeout: 10_000 }).toBe(true);
    await add('Getypt tijdens de herstart');
    await expect.poll(() => phone.getByText('1 nog niet verzonden').isVisible()).toBe(true);
    await start();
    // socket.io's own back-off (up to ~7.5 s between tries) decides when the phone notices.
    await expect.poll(() => phone.getByText('Verbonden', { exact: true }).isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => phone.getByText('1 nog niet verzonden').isVisible(), { timeout: 10_000 }).toBe(false);
    expect(await facilitatorAnswers()).toEqual(expect.arrayContaining(['Getypt zonder netwerk', 'Getypt tijdens de herstart']));
    // Same person, same group, no join form.
    expect(await phone.getByLabel('Naam').count()).toBe(0);
    await expect.poll(() => phone.getByRole('heading', { name: /^Je zit in groep 1$/ }).isVisible()).toBe(true);
  });

  it('no console errors other than the expected failed connections', () => {
    const unexpected = problems.filter((p) => !/WebSocket|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED|socket\.io/.test(p));
    expect(unexpected).toEqual([]);
  });
});
