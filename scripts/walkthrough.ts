/**
 * A workshop as a new user runs it, for looking at (npm run walkthrough): the production
 * server on this machine, the facilitator's console opened via http://localhost (as on the
 * laptop that runs it), the shared screen opened from the console, and 12 phones that join
 * with the link the console offers (the machine's LAN address, not localhost). The
 * facilitator steps through the whole agenda with PageDown, phones write answers, scores
 * and takeaways on the way, and every step is photographed: the projector (1920×1080),
 * the console (1280×800) and one phone (360×740), into test-results/walkthrough/.
 *
 * Not a test (npm test has the asserting versions); it prints what a new user would note:
 * which address phones were given, and what each step showed.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { currentStep } from '../shared/domain/agenda.ts';
import type { SessionState } from '../shared/domain/types.ts';
import { buildServer, freePort, startServerProcess } from './lib/serverProcess.ts';
import { SCRIPT_ADMIN } from './lib/accounts.ts';

const OUT = path.resolve('test-results/walkthrough');
const PHONES = 12;
const LAPTOP = { width: 1280, height: 800 };
const PROJECTOR = { width: 1920, height: 1080 };
const PHONE = { width: 360, height: 740 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const NAMES = ['Anne', 'Bram', 'Carla', 'Dirk', 'Eva', 'Fatima', 'Gert', 'Hanna', 'Ilse', 'Joost', 'Karin', 'Lars'];
const ANSWERS = [
  'We kennen de huisarts en de school, maar de afspraken over wie wat doet zijn niet vastgelegd.',
  'Het team is te klein voor de wijk: wachtlijsten van zes weken.',
  'Vaker samen de cijfers bespreken, elk kwartaal, met de gemeente erbij.',
  'Meer tijd voor huisbezoeken; nu gaat veel tijd naar registratie en overleg.',
  'Een vast aanspreekpunt bij de gemeente voor ingewikkelde situaties.',
  'De samenwerking met de sociale basis is goed: buurtcentrum en bibliotheek weten ons te vinden.',
];

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  buildServer();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'samenspraak-walkthrough-'));
  const port = await freePort();
  // Listening on every interface, as `npm start` does on a laptop in a venue.
  const server = await startServerProcess({ port, dataDir, env: { HOST: '0.0.0.0' } });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const problems: string[] = [];
  const open = async (viewport: { width: number; height: number }, label: string): Promise<Page> => {
    const context: BrowserContext = await browser.newContext({ viewport, locale: 'nl-NL' });
    const page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`${label}: ${err.message}`));
    page.on('console', (msg) => msg.type() === 'error' && problems.push(`${label}: ${msg.text()}`));
    return page;
  };
  const shot = async (page: Page, name: string) => page.screenshot({ path: path.join(OUT, `${name}.png`) });
  try {
    /* ---------- the facilitator, on the laptop that runs the server ---------- */
    const laptop = await open(LAPTOP, 'console');
    await laptop.goto(`http://localhost:${port}/nieuw`);
    // Creating a session needs an account: the page asks to sign in first (the server made the
    // scripts' beheerder from ADMIN_*, see scripts/lib/accounts.ts), then comes back.
    await laptop.waitForURL(/\/inloggen/);
    await laptop.getByLabel('E-mailadres').fill(SCRIPT_ADMIN.email);
    await laptop.getByLabel('Wachtwoord').fill(SCRIPT_ADMIN.password);
    await shot(laptop, '00-inloggen');
    await laptop.getByRole('button', { name: 'Inloggen' }).click();
    await laptop.waitForURL(/\/nieuw$/);
    await laptop.getByRole('button', { name: 'Sessie maken' }).click();
    await laptop.waitForURL(/\/begeleider\/[^#]+#.+/);
    await laptop.getByRole('link', { name: /Open het scherm voor de zaal/ }).first().waitFor();
    await sleep(500);
    // The script follows the session's state like a second facilitator device (to know each step's kind).
    const [, sessionId, secret] = laptop.url().match(/\/begeleider\/([^#]+)#(.+)$/)!;
    let state: SessionState | null = null;
    const follower = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], auth: { sessionId, secret, as: 'facilitator' } });
    follower.on('operator:snapshot', (snap: { state: SessionState }) => (state = snap.state));
    const kindNow = async (): Promise<string> => {
      follower.disconnect().connect();
      state = null;
      for (let i = 0; i < 50 && state === null; i++) await sleep(100);
      return state ? currentStep(state).kind : 'unknown';
    };
    const consoleText = await laptop.locator('body').innerText();
    const joinLink = consoleText.match(/https?:\/\/[^\s]+\/j\/[0-9A-Z]{6}/)?.[0] ?? null;
    console.log(`console opened via http://localhost:${port}; join link it offers: ${joinLink ?? '(none found)'}`);
    await shot(laptop, '00-console-start');

    /* ---------- the projector, opened from the console ---------- */
    const href = await laptop.getByRole('link', { name: /Open het scherm voor de zaal/ }).first().getAttribute('href');
    const screen = await open(PROJECTOR, 'screen');
    await screen.goto(new URL(href!, `http://localhost:${port}`).toString());
    await screen.getByRole('img', { name: /QR-code/ }).waitFor();

    /* ---------- phones join with that link ---------- */
    const phones: Page[] = [];
    for (let i = 0; i < PHONES; i++) {
      const phone = await open(PHONE, `phone ${i + 1}`);
      await phone.goto(joinLink ?? `http://127.0.0.1:${port}`);
      await phone.getByLabel('Naam').fill(`${NAMES[i]} ${['de Vries', 'Jansen', 'Bos', 'Smit'][i % 4]}`);
      await phone.getByRole('radio', { name: i % 2 ? /^Opdrachtnemer/ : /^Opdrachtgever/ }).check();
      await phone.getByLabel(/^Organisatie/).fill(i % 2 ? 'Wijkteam Ede' : 'Gemeente Ede');
      await phone.getByRole('button', { name: 'Meedoen' }).click();
      await phone.getByRole('heading', { name: 'Je bent binnen' }).waitFor();
      phones.push(phone);
    }
    console.log(`${PHONES} phones joined via ${joinLink ?? 'the loopback address'}`);

    /* ---------- every step of the agenda ---------- */
    const steps = await laptop.getByRole('list', { name: 'Alle stappen' }).getByRole('button').allInnerTexts();
    console.log(`agenda: ${steps.length} steps`);
    let topicsDone = 0;
    for (let s = 0; s < steps.length; s++) {
      const title = (await laptop.locator('[data-current-step], .current-step').first().innerText().catch(() => '')) || steps[s]!.split('\n')[0]!;
      const tag = String(s + 1).padStart(2, '0');
      const kind = await kindNow();
      if (kind === 'groups') {
        await laptop.getByRole('region', { name: 'Groepen maken' }).getByRole('button', { name: 'Groepen maken' }).click();
        await phones[0]!.getByRole('heading', { name: /^Je zit in groep \d+$/ }).waitFor();
      }
      if (kind === 'topic' && topicsDone < 2) {
        topicsDone++;
        await laptop.getByRole('button', { name: 'Start de tijd' }).click().catch(() => undefined);
        for (const [i, phone] of phones.entries()) {
          const boxes = phone.getByLabel(/^Jouw antwoord op/);
          await boxes.first().waitFor();
          await boxes.nth(i % 2).fill(ANSWERS[(i + topicsDone) % ANSWERS.length]!);
          await boxes.nth(i % 2).locator('xpath=ancestor::form').getByRole('button', { name: 'Toevoegen' }).click();
          await phone.getByRole('group', { name: 'Hoe is het nu?' }).getByText(String(1 + (i % 4)), { exact: true }).click();
          await phone.getByRole('group', { name: 'Hoe willen we het?' }).getByText(String(Math.min(5, 2 + (i % 4))), { exact: true }).click();
        }
      }
      if (kind === 'takeaway') {
        for (const [i, phone] of phones.entries()) {
          if (i % 3 !== 0) continue;
          const box = phone.getByLabel('Tekst van je groep');
          await box.waitFor();
          await box.fill(`Wij nemen mee: ${ANSWERS[i % ANSWERS.length]}`);
        }
      }
      await sleep(1200);
      await shot(screen, `${tag}-screen-${kind}`);
      await shot(laptop, `${tag}-console-${kind}`);
      await shot(phones[0]!, `${tag}-phone-${kind}`);
      console.log(`step ${tag} (${kind}): ${title.replace(/\s+/g, ' ').slice(0, 80)}`);
      if (s < steps.length - 1) {
        await laptop.locator('body').press('PageDown');
        await sleep(600);
      }
    }
    follower.disconnect();
    console.log(`screenshots in ${OUT}`);
    console.log(problems.length ? `page errors:\n  ${problems.join('\n  ')}` : 'no page errors');
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
