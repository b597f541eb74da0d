/**
 * The browser chaos run, shared by `npm run test:chaos` (scripts/chaos-test.ts, long) and
 * the short version in `npm test` (tests/e2e/chaos.test.ts).
 *
 * Phone pages in one Chromium (a context each, so each has its own storage) join a session
 * served by the real production server as a child process. While they type and add answers
 * on the characteristics the facilitator moves through, pages are reloaded and taken offline
 * at random, and the server is SIGKILLed and restarted on the same data directory. Then two
 * members of one group type into the takeaway at the same moment. At the end:
 *
 * - every answer any phone showed as confirmed (`li[data-confirmed]`, read from the DOM
 *   during the run and in a final sweep over every characteristic) is in the CSV export
 *   exactly once;
 * - no phone has anything pending: the outbox is empty (`data-pending="0"`) and the
 *   "Nog niet verstuurd" list is empty, after the driver tapped Toevoegen on what was left
 *   there (bounded waits that say what they wait for);
 * - both takeaway writers find all their words in the report.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nanoid } from 'nanoid';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import type { SessionState } from '../../../shared/domain/types.ts';
import type { Ack } from '../../../shared/protocol/ack.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/protocol/events.ts';
import { answerTextCounts } from '../../../tests/support/csv.ts';
import { buildServer, freePort, startServerProcess, type ServerProcess } from '../serverProcess.ts';
import { apiToken, createSessionRequest } from '../accounts.ts';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ChaosOptions {
  readonly browser: Browser;
  readonly phones: number;
  /** Length of the chaotic part (typing, reloads, offline, kills) in ms. */
  readonly durationMs: number;
  /** SIGKILL + restart of the server, spread over the run. */
  readonly kills: number;
  /** Progress lines; silent when absent. */
  readonly log?: (line: string) => void;
}

export interface ChaosResult {
  readonly confirmed: number;
  readonly inExport: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly pending: number;
  /** Words each takeaway writer typed that the report does not contain. */
  readonly takeawayMissing: readonly string[];
  readonly takeawayWords: number;
  /** Members the console still counted with unsent text after everything was added (must be 0). */
  readonly consoleUnsent: number;
  readonly stats: Readonly<Record<string, number>>;
  readonly line: string;
  readonly ok: boolean;
}

const PHONE_VIEWPORT = { width: 360, height: 740 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const random = (min: number, max: number) => min + Math.random() * (max - min);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

/** Waits until `check` returns true; fails saying what it waited for (and what `describe` says is still missing). */
async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>, describe?: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${describe ? `: ${await describe()}` : ''}`);
    await sleep(250);
  }
}

interface Phone {
  readonly index: number;
  readonly name: string;
  readonly context: BrowserContext;
  readonly page: Page;
  offline: boolean;
  /** Busy with a reload or an offline period: the chaos loop leaves it alone meanwhile. */
  busy: boolean;
  /** Excluded from reloads/offline (the takeaway writers while they write). */
  calm: boolean;
  participantId: string | null;
}

class Facilitator {
  socket: ClientSocket;
  state: SessionState | null = null;
  /** groupId → members with unsent text, as the console shows it. */
  unsent: Record<string, number> = {};
  /** The most members with unsent text the console was told about at once. */
  unsentPeak = 0;

  constructor(url: string, sessionId: string, secret: string) {
    this.socket = io(url, {
      transports: ['websocket'],
      auth: { sessionId, secret, as: 'facilitator' },
      reconnectionDelay: 200,
      reconnectionDelayMax: 1000,
    });
    this.socket.on('operator:snapshot', (snap) => {
      this.state = snap.state;
      this.unsent = { ...snap.unsent };
    });
    this.socket.on('unsent:changed', (changes) => {
      for (const c of changes) this.unsent[c.groupId] = c.members;
      this.unsentPeak = Math.max(this.unsentPeak, this.unsentNow());
    });
    // The driver only needs who is in which group; a fresh snapshot after each reconnect is enough.
    this.socket.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') this.socket.connect();
    });
  }

  /** Sends a command with one opId until the server acknowledges it (it applies an opId once). */
  async send<E extends keyof ClientToServerEvents>(event: E, payload: Omit<Parameters<ClientToServerEvents[E]>[0], 'opId'>): Promise<void> {
    const full = { ...payload, opId: nanoid() };
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (this.socket.connected) {
        try {
          const timed = this.socket.timeout(3000) as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack<unknown>> };
          const ack = await timed.emitWithAck(event, full);
          if (ack.ok) return;
          if (ack.code !== 'rate_limited' && ack.code !== 'internal') throw new Error(`${event} refused: ${ack.code} ${ack.error}`);
        } catch (err) {
          if (err instanceof Error && err.message.includes('refused')) throw err;
        }
      }
      if (Date.now() > deadline) throw new Error(`the server did not acknowledge ${event} within 60 s`);
      await sleep(300);
    }
  }

  unsentNow(): number {
    return Object.values(this.unsent).reduce((a, b) => a + b, 0);
  }

  async fresh(): Promise<SessionState> {
    const seen = this.state;
    this.state = null;
    this.socket.disconnect().connect();
    await waitFor('a facilitator snapshot', 30_000, async () => this.state !== null && this.state !== seen);
    return this.state!;
  }

  close(): void {
    this.socket.disconnect();
  }
}

export async function runChaos(opts: ChaosOptions): Promise<ChaosResult> {
  const started = Date.now();
  const log = (line: string) => opts.log?.(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);
  const stats: Record<string, number> = { adds: 0, draftsLeft: 0, reloads: 0, offline: 0, kills: 0, actionErrors: 0, addedFromList: 0 };
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'samenspraak-chaos-'));
  const port = await freePort();
  buildServer();
  let server: ServerProcess = await startServerProcess({ port, dataDir });
  const url = server.url;
  const phones: Phone[] = [];
  let facilitator: Facilitator | null = null;
  try {
    const res = await createSessionRequest(url, await apiToken(url));
    if (res.status !== 201) throw new Error(`creating the session failed: ${res.status}`);
    const session = (await res.json()) as { sessionId: string; code: string; facilitatorSecret: string };
    facilitator = new Facilitator(url, session.sessionId, session.facilitatorSecret);
    const fac = facilitator;
    const joinUrl = `${url}/j/${session.code}`;

    /* ---------- phones join (a few at a time: two cores) ---------- */
    async function join(i: number): Promise<Phone> {
      const context = await opts.browser.newContext({ viewport: PHONE_VIEWPORT });
      const page = await context.newPage();
      const name = `Chaos ${String(i + 1).padStart(2, '0')}`;
      await page.goto(joinUrl);
      await page.getByLabel('Naam').fill(name);
      await page.getByRole('radio', { name: i % 2 ? /^Opdrachtgever/ : /^Opdrachtnemer/ }).check();
      await page.getByRole('button', { name: 'Meedoen' }).click();
      await page.getByRole('heading', { name: 'Je bent binnen' }).waitFor({ timeout: 30_000 });
      return { index: i, name, context, page, offline: false, busy: false, calm: false, participantId: null };
    }
    for (let i = 0; i < opts.phones; i += 3) {
      const batch = await Promise.all(Array.from({ length: Math.min(3, opts.phones - i) }, (_, k) => join(i + k)));
      phones.push(...batch);
    }
    log(`${phones.length} phones joined`);
    await fac.send('groups:form', {});
    const fresh = await fac.fresh();
    const content = fresh.content;
    const steps = fresh.agenda;
    const topicSteps = steps.flatMap((s, i) =>
      s.kind === 'topic' ? [{ index: i, topicId: s.payload.topicId, title: content.topics.find((t) => t.id === s.payload.topicId)!.title }] : [],
    );
    const takeawayStep = steps.findIndex((s) => s.kind === 'takeaway');

    /* ---------- what phones show as confirmed ---------- */
    const confirmed = new Set<string>();
    async function collect(phone: Phone): Promise<void> {
      const texts = await phone.page
        .$$eval('li[data-confirmed] .answer-text', (els) => els.map((e) => e.textContent ?? ''))
        .catch(() => [] as string[]);
      for (const t of texts) if (t.startsWith('chaos ')) confirmed.add(t);
    }

    /* ---------- the chaotic part ---------- */
    let stopTyping = false;
    let stopChaos = false;
    let counter = 0;
    const errors: string[] = [];

    async function typeLoop(phone: Phone): Promise<void> {
      while (!stopTyping) {
        try {
          if (!phone.busy) {
            const boxes = phone.page.getByLabel(/^Jouw antwoord/);
            const n = await boxes.count();
            if (n > 0) {
              const box = boxes.nth(Math.floor(Math.random() * n));
              const text = `chaos ${phone.index + 1}-${++counter} ${nanoid(6)}`;
              if (Math.random() < 0.3) await box.pressSequentially(text, { delay: 15, timeout: 5000 });
              else await box.fill(text, { timeout: 5000 });
              if (Math.random() < 0.15) {
                // Typed, not added: it must stay on the phone, marked, and be offered again later.
                stats.draftsLeft!++;
              } else {
                await box.locator('xpath=ancestor::form').getByRole('button', { name: 'Toevoegen' }).click({ timeout: 5000 });
                stats.adds!++;
              }
            }
            await collect(phone);
          }
        } catch (err) {
          // A reload or the network pulled the page away mid-action: carry on.
          stats.actionErrors!++;
          if (errors.length < 3) errors.push(String(err instanceof Error ? err.message.split('\n')[0] : err));
        }
        await sleep(random(400, 1500));
      }
    }

    /** A reload while the server is down gives the browser's error page: try again until the app is back. */
    async function reload(phone: Phone): Promise<void> {
      const deadline = Date.now() + 60_000;
      for (let first = true; ; first = false) {
        try {
          if (first) await phone.page.reload({ timeout: 15_000 });
          else await phone.page.goto(joinUrl, { timeout: 15_000 });
          return;
        } catch (err) {
          if (Date.now() > deadline) throw err;
          await sleep(1000);
        }
      }
    }

    async function setOffline(phone: Phone, offline: boolean): Promise<void> {
      phone.offline = offline;
      await phone.context.setOffline(offline);
      await phone.page.evaluate((off) => window.dispatchEvent(new Event(off ? 'offline' : 'online')), offline).catch(() => undefined);
    }

    async function chaosLoop(phone: Phone): Promise<void> {
      await sleep(random(1000, 5000));
      while (!stopChaos) {
        if (!phone.calm) {
          phone.busy = true;
          try {
            if (Math.random() < 0.5) {
              await collect(phone);
              await reload(phone);
              stats.reloads!++;
            } else {
              await setOffline(phone, true);
              stats.offline!++;
              await sleep(random(1500, 5000));
              await setOffline(phone, false);
            }
          } catch {
            stats.actionErrors!++;
            if (phone.offline) await setOffline(phone, false).catch(() => undefined);
          } finally {
            phone.busy = false;
          }
        }
        await sleep(random(3000, 9000));
      }
    }

    async function killLoop(): Promise<void> {
      for (let k = 1; k <= opts.kills; k++) {
        await sleep((opts.durationMs * 0.75) / (opts.kills + 1) + random(-1000, 1000));
        if (stopChaos) return;
        await server.kill();
        stats.kills!++;
        log(`kill ${k}: SIGKILL`);
        await sleep(random(200, 1000));
        server = await startServerProcess({ port, dataDir });
        log(`kill ${k}: restarted`);
      }
    }

    // Facilitator: through the characteristics, then the takeaway.
    const topicPhaseMs = opts.durationMs * 0.75;
    const visited = topicSteps.slice(0, Math.max(2, Math.min(topicSteps.length, Math.round(topicPhaseMs / 20_000))));
    const typing = phones.map((p) => typeLoop(p));
    const chaos = phones.map((p) => chaosLoop(p));
    const kills = killLoop();
    for (const step of visited) {
      await fac.send('step:set', { stepIndex: step.index });
      log(`step: ${step.title}`);
      await sleep(topicPhaseMs / visited.length);
    }

    /* ---------- the takeaway: two members of one group at the same moment ---------- */
    stopTyping = true;
    await Promise.all(typing);
    const state = await fac.fresh();
    const byName = new Map(Object.values(state.participants).map((p) => [p.name, p]));
    for (const p of phones) p.participantId = byName.get(p.name)?.id ?? null;
    const group = state.groups.find((g) => phones.filter((p) => p.participantId && g.memberIds.includes(p.participantId)).length >= 2);
    if (!group) throw new Error('no group with two of our phones');
    const writers = phones.filter((p) => p.participantId && group.memberIds.includes(p.participantId)).slice(0, 2);
    for (const w of writers) w.calm = true;
    // Let a reload or offline period under way on a writer finish first.
    await waitFor('the takeaway writers to be back from a reload or offline period', 30_000, async () => writers.every((w) => !w.busy));
    await fac.send('step:set', { stepIndex: takeawayStep });
    log(`step: takeaway (writers ${writers.map((w) => w.name).join(' and ')})`);
    const words = new Map<Phone, string[]>(writers.map((w) => [w, Array.from({ length: 6 }, (_, k) => `woord${w.index + 1}x${k}${nanoid(4).replace(/[^A-Za-z0-9]/g, 'q')}`)]));
    await Promise.all(
      writers.map((w) => writeTakeaway(w, words.get(w)!, opts.durationMs * 0.25).catch((err: unknown) => log(`${w.name}: ${String(err instanceof Error ? err.message : err)}`))),
    );
    stopChaos = true;
    await Promise.all([...chaos, kills]);

    /* ---------- the end: everyone online, nothing left behind ---------- */
    for (const p of phones) {
      if (p.offline) await setOffline(p, false);
      // A reload that never got the app back (the browser's error page) gets one more try.
      if (!p.page.url().startsWith(url)) await reload(p);
    }
    const status = (p: Phone) =>
      p.page.evaluate(() => ({
        pending: Number(document.querySelector('[data-pending]')?.getAttribute('data-pending') ?? NaN),
        drafts: document.querySelectorAll('[data-unsent-draft]').length,
        connected: document.querySelector('.conn-connected') !== null,
        takeawayBusy: /Wordt verzonden/.test(document.querySelector('#takeaway-status')?.textContent ?? ''),
      }));
    const describeAll = async () =>
      (
        await Promise.all(
          phones.map(async (p) => {
            const s = await status(p).catch(() => null);
            return s ? `${p.name}: ${s.connected ? 'connected' : 'not connected'}, ${s.pending} pending, ${s.drafts} unsent drafts` : `${p.name}: page not ready`;
          }),
        )
      ).join('; ');
    // A wait that runs out is reported and the run goes on: what it left undone shows as pending (or unseen).
    const orLog = (err: unknown) => log(String(err instanceof Error ? err.message : err));
    await waitFor('every phone to be connected again', 60_000, async () => (await Promise.all(phones.map((p) => status(p)))).every((s) => s.connected), describeAll).catch(orLog);
    // What was typed and not added is offered in "Nog niet verstuurd": add it, one tap each.
    for (const p of phones) {
      for (let guard = 0; guard < 50; guard++) {
        const add = p.page.locator('[data-unsent-draft]').first().getByRole('button', { name: 'Toevoegen' });
        if ((await add.count()) === 0) break;
        await add.click({ timeout: 5000 }).catch(() => undefined);
        stats.addedFromList!++;
      }
    }
    const settled = async () =>
      (await Promise.all(phones.map((p) => status(p)))).every((s) => s.connected && s.pending === 0 && s.drafts === 0 && !s.takeawayBusy);
    await waitFor('every outbox to drain and every unsent draft to be added', 90_000, settled, describeAll).catch(orLog);
    // The console's "nog niet toegevoegd" column follows: nobody has unsent text any more.
    await waitFor('the console to count no members with unsent text', 15_000, async () => fac.unsentNow() === 0, async () =>
      JSON.stringify(fac.unsent),
    ).catch(orLog);
    const consoleUnsent = fac.unsentNow();
    let pending = 0;
    for (const p of phones) {
      const s = await status(p).catch(() => ({ pending: 1, drafts: 0, connected: false, takeawayBusy: false }));
      pending += (Number.isNaN(s.pending) ? 1 : s.pending) + s.drafts + (s.takeawayBusy ? 1 : 0);
    }

    log(`settled: ${pending} pending`);
    // Final sweep: every characteristic visited once more, reading what each phone shows as confirmed.
    for (const step of visited) {
      await fac.send('step:set', { stepIndex: step.index });
      await waitFor(`every phone to show "${step.title}"`, 30_000, async () =>
        (await Promise.all(phones.map((p) => p.page.locator('#topic-title').textContent({ timeout: 1000 })))).every((t) => t === step.title),
      ).catch(orLog);
      await Promise.all(phones.map((p) => collect(p)));
    }

    log(`swept ${visited.length} characteristics: ${confirmed.size} confirmed answers seen`);
    /* ---------- the exports ---------- */
    const auth = { headers: { authorization: `Bearer ${session.facilitatorSecret}` } };
    const counts = answerTextCounts(await (await fetch(`${url}/api/sessions/${session.sessionId}/export.csv`, auth)).text());
    const end = await fac.fresh();
    /**
     * A text twice in the export is a duplicate unless each copy is another person's answer:
     * on a slow machine typing is cut short, and two phones can each be left with the same
     * few characters ("chaos 1") as a draft that is added at the end.
     */
    const byDifferentPeople = (text: string, c: number): boolean => {
      const authors = Object.values(end.answers).filter((a) => a.text === text).map((a) => a.authorId);
      return authors.length === c && new Set(authors).size === c;
    };
    let inExport = 0;
    let lost = 0;
    let duplicated = 0;
    for (const text of confirmed) {
      const c = counts.get(text) ?? 0;
      if (c === 0) lost++;
      if (c === 1 || (c > 1 && byDifferentPeople(text, c))) inExport++;
      else if (c > 1) duplicated++;
    }
    if (duplicated > 0) {
      // Say which answers: two ids with one text (the phone added it twice) or one id twice (the server or export).
      for (const text of confirmed) {
        const c = counts.get(text) ?? 0;
        if (c < 2 || byDifferentPeople(text, c)) continue;
        const copies = Object.values(end.answers).filter((a) => a.text === text);
        log(`duplicated "${text}": ${copies.map((a) => `${a.id} by ${end.participants[a.authorId]?.name ?? a.authorId} at ${new Date(a.createdAt).toISOString()}`).join('; ')}`);
      }
    }
    const report = await (await fetch(`${url}/api/sessions/${session.sessionId}/report.md`, auth)).text();
    const allWords = [...words.values()].flat();
    const takeawayMissing = allWords.filter((w) => !report.includes(w));

    const line = `confirmed ${confirmed.size}, in export ${inExport}, lost ${lost}, duplicated ${duplicated}, pending ${pending}`;
    log(
      `conditions: ${opts.phones} phones, ${stats.kills} SIGKILLs, ${stats.reloads} reloads, ${stats.offline} offline periods, ` +
        `${stats.adds} answers added, ${stats.draftsLeft} left as drafts, ${stats.actionErrors} actions cut short${errors.length ? ` (e.g. ${errors.join(' | ')})` : ''}`,
    );
    log(
      `drafts: ${stats.addedFromList} added from "Nog niet verstuurd" at the end; ${((Date.now() - started) / 1000).toFixed(0)} s in all`,
    );
    log(`console: up to ${fac.unsentPeak} members with unsent text during the run, ${consoleUnsent} at the end`);
    log(`takeaway: ${allWords.length - takeawayMissing.length} of ${allWords.length} words of ${writers.length} writers in the report${takeawayMissing.length ? ` (missing: ${takeawayMissing.join(' ')})` : ''}`);
    return {
      confirmed: confirmed.size,
      inExport,
      lost,
      duplicated,
      pending,
      takeawayMissing,
      takeawayWords: allWords.length,
      consoleUnsent,
      stats,
      line,
      ok: confirmed.size > 0 && inExport === confirmed.size && lost === 0 && duplicated === 0 && pending === 0 && takeawayMissing.length === 0 && consoleUnsent === 0,
    };
  } finally {
    facilitator?.close();
    for (const p of phones) await p.context.close().catch(() => undefined);
    await server.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * One member writing into the group's takeaway: their words typed at the end of the text,
 * a few at a time. Works with what the takeaway editor offers: where it has an "Opslaan"
 * button (a saved text with revisions) the writer saves, and when the other member saved
 * in between they put the other text under theirs, as the editor asks, and save again.
 */
async function writeTakeaway(phone: Phone, words: readonly string[], budgetMs: number): Promise<void> {
  const page = phone.page;
  const box = page.getByLabel('Tekst van je groep');
  await box.waitFor({ timeout: 30_000 });
  const pause = Math.max(200, budgetMs / (words.length + 2) / 2);
  for (const word of words) {
    await box.click();
    await page.keyboard.press('Control+End');
    // One input per word (as a phone keyboard's suggestion does): the check is about whole words.
    await page.keyboard.insertText(` ${word}`);
    await save(page);
    await sleep(random(pause / 2, pause));
  }
  // The editor settles: its text holds the words, nothing waits to be sent, no other version is open.
  await waitFor(`${phone.name}'s takeaway to be saved with all their words`, 60_000, async () => {
    await save(page);
    const value = await box.inputValue();
    const state = (await page.locator('#takeaway-status').textContent()) ?? '';
    const other = await page.getByRole('button', { name: 'Hun tekst onder de jouwe zetten' }).count();
    // A shared text without a save button (Yjs) says "Opgeslagen." once the server has every edit.
    const savesItself = (await page.getByRole('button', { name: 'Opslaan' }).count()) === 0;
    const saved = savesItself ? /Opgeslagen\./.test(state) : !/Nog niet opgeslagen|Wordt verzonden/.test(state);
    return other === 0 && saved && words.every((w) => value.includes(w));
  });
}

/**
 * Saves when the editor has a save button and something to save; resolves a "someone else
 * saved meanwhile" notice by putting their text under ours, as the editor suggests.
 */
async function save(page: Page): Promise<void> {
  const useOther = page.getByRole('button', { name: 'Hun tekst onder de jouwe zetten' });
  const merged = (await useOther.count()) > 0;
  if (merged) await useOther.click({ timeout: 3000 });
  const button = page.getByRole('button', { name: 'Opslaan' });
  const state = (await page.locator('#takeaway-status').textContent().catch(() => '')) ?? '';
  if ((merged || /Nog niet opgeslagen/.test(state)) && (await button.count())) await button.click({ timeout: 3000 });
}
