/**
 * The real facilitator console and the real screen page in Chromium during `npm run bench`:
 * what a facilitator's laptop and the projector go through at N participants.
 *
 * Each page gets, before its own scripts run, a PerformanceObserver for main-thread long
 * tasks (> 50 ms) and a MutationObserver that notes when the tag of a tagged answer
 * (`#s<seq>#`, see worker.ts) first appears in the DOM, on the bench's clock
 * (performance.timeOrigin + now(), the same formula as stats.ts `clock()`).
 *
 * Skipped (null, with the reason) when there is no Chromium or it does not start.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];

export type PageName = 'console' | 'screen';

export interface BenchPages {
  readonly chromium: string;
  /** Long tasks since the last call, per page: [startMs, durationMs] pairs flattened; clears them. */
  takeLongTasks(): Promise<Record<PageName, number[]>>;
  /**
   * Main-thread time per page since the last call, from the DevTools Performance metrics:
   * `cpuS` the CPU time it ran (ThreadTime), `busyS` the wall time its tasks took
   * (TaskDuration). On a machine shared with other work busy ≫ cpu: the page waited for a core.
   * `heapMb`: its JavaScript heap in use now (JSHeapUsedSize): what a major GC has to mark.
   */
  takeMainThread(): Promise<Record<PageName, { cpuS: number; busyS: number; heapMb: number }>>;
  /** seq → first time its tag was in the screen page's DOM, since the last call; clears them. */
  takeScreenSeen(): Promise<Map<number, number>>;
  /**
   * Records a Chrome trace of one page for `ms` and returns what its main thread spent the
   * time on (trace event name → total ms, largest first) and the trace file (--page-trace).
   */
  trace(name: PageName, ms: number): Promise<{ file: string; top: [string, number][] }>;
  /** Page errors and console errors (a broken page measures nothing). */
  readonly problems: string[];
  /** Closes the browser; with `profile`, first writes each page's CPU profile and returns the files. */
  close(): Promise<Partial<Record<PageName, string>>>;
}

/**
 * Runs in the page before the app: long tasks and the first sight of each tagged answer.
 * Plain JavaScript in a string, so no transpiler helper (tsx's __name) ends up in the page.
 */
const INSTRUMENT = `(() => {
  const bench = { longtasks: [], seen: new Map() };
  window.__bench = bench;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longtasks.push(e.startTime, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task support: the figures stay empty and the bench says so.
  }
  const tag = /#s(\\d+)#/g;
  const note = (text, t) => {
    if (!text || text.indexOf('#s') < 0) return;
    tag.lastIndex = 0;
    for (let m = tag.exec(text); m; m = tag.exec(text)) {
      const seq = Number(m[1]);
      if (!bench.seen.has(seq)) bench.seen.set(seq, t);
    }
  };
  new MutationObserver((records) => {
    const t = performance.timeOrigin + performance.now();
    for (const r of records) {
      if (r.type === 'characterData') note(r.target.data, t);
      else for (const n of r.addedNodes) note(n.textContent, t);
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
})();`;
const TAKE_TASKS = 'window.__bench.longtasks.splice(0)';
const TAKE_SEEN = '(() => { const s = window.__bench.seen; const flat = [...s].flat(); s.clear(); return flat; })()';

export function chromiumPath(): string | null {
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export async function openBenchPages(opts: {
  url: string;
  sessionId: string;
  facilitatorSecret: string;
  screenSecret: string;
  /** Text both pages show once they have their snapshot (the session title). */
  readyText: string;
  /** Record a CPU profile of each page's main thread (--page-prof). */
  profile?: boolean;
}): Promise<BenchPages | { skipped: string }> {
  const exe = chromiumPath();
  if (!exe) return { skipped: 'no Chromium (/usr/bin/chromium; set CHROMIUM_PATH): the console and screen pages were not measured' };
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: exe,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  } catch (err) {
    return { skipped: `Chromium did not start (${err instanceof Error ? err.message.split('\n')[0] : String(err)})` };
  }
  const problems: string[] = [];
  const profilers: Partial<Record<PageName, CDPSession>> = {};
  const metrics: Partial<Record<PageName, { cdp: CDPSession; cpu: number; busy: number }>> = {};
  const readMetrics = async (name: PageName): Promise<{ cpuS: number; busyS: number; heapMb: number }> => {
    const m = metrics[name];
    if (!m) return { cpuS: 0, busyS: 0, heapMb: 0 };
    const { metrics: list } = await m.cdp.send('Performance.getMetrics');
    const value = (key: string) => list.find((x) => x.name === key)?.value ?? 0;
    const cpu = value('ThreadTime');
    const busy = value('TaskDuration');
    const out = { cpuS: cpu - m.cpu, busyS: busy - m.busy, heapMb: value('JSHeapUsedSize') / (1024 * 1024) };
    m.cpu = cpu;
    m.busy = busy;
    return out;
  };
  const open = async (name: PageName, viewport: { width: number; height: number }, href: string): Promise<Page> => {
    // One context per page, as on two devices (the laptop and the projector's machine).
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`${name}: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`${name}: ${msg.text()}`);
    });
    await page.addInitScript({ content: INSTRUMENT });
    await page.goto(href);
    await page.getByText(opts.readyText).first().waitFor({ timeout: 30_000 });
    const perf = await context.newCDPSession(page);
    await perf.send('Performance.enable');
    metrics[name] = { cdp: perf, cpu: 0, busy: 0 };
    await readMetrics(name);
    if (opts.profile) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
      profilers[name] = cdp;
    }
    return page;
  };
  try {
    const pages: Record<PageName, Page> = {
      console: await open('console', { width: 1280, height: 800 }, `${opts.url}/begeleider/${opts.sessionId}#${opts.facilitatorSecret}`),
      screen: await open('screen', { width: 1920, height: 1080 }, `${opts.url}/scherm/${opts.sessionId}#${opts.screenSecret}`),
    };
    const take = (page: Page, expression: string): Promise<number[]> => page.evaluate(expression) as Promise<number[]>;
    const takeTasks = TAKE_TASKS;
    // What the pages did while loading is not the run: start counting now.
    await Promise.all([take(pages.console, takeTasks), take(pages.screen, takeTasks), readMetrics('console'), readMetrics('screen')]);
    return {
      chromium: exe,
      problems,
      async takeLongTasks() {
        const [c, s] = await Promise.all([take(pages.console, takeTasks), take(pages.screen, takeTasks)]);
        return { console: c, screen: s };
      },
      async takeMainThread() {
        const [c, sc] = await Promise.all([readMetrics('console'), readMetrics('screen')]);
        return { console: c, screen: sc };
      },
      async trace(name, ms) {
        const page = pages[name];
        await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink'] });
        await new Promise((r) => setTimeout(r, ms));
        const buffer = await browser.stopTracing();
        const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'samenspraak-trace-')), `${name}.json`);
        writeFileSync(file, buffer);
        const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents: { name: string; ph: string; dur?: number; tid: number; pid: number; args?: { name?: string } }[] };
        const events = parsed.traceEvents;
        const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
        const totals = new Map<string, number>();
        for (const e of events) {
          if (e.ph !== 'X' || e.dur === undefined || !main || e.tid !== main.tid || e.pid !== main.pid) continue;
          totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur / 1000);
        }
        return { file, top: [...totals].sort((a, b) => b[1] - a[1]).slice(0, 25) };
      },
      async takeScreenSeen() {
        const pairs = await take(pages.screen, TAKE_SEEN);
        const out = new Map<number, number>();
        for (let i = 0; i < pairs.length; i += 2) out.set(pairs[i]!, pairs[i + 1]!);
        return out;
      },
      async close() {
        const files: Partial<Record<PageName, string>> = {};
        const entries = Object.entries(profilers) as [PageName, CDPSession][];
        if (entries.length) {
          const dir = mkdtempSync(path.join(os.tmpdir(), 'samenspraak-page-prof-'));
          for (const [name, cdp] of entries) {
            const { profile } = await cdp.send('Profiler.stop');
            const file = path.join(dir, `${name}.cpuprofile`);
            writeFileSync(file, JSON.stringify(profile));
            files[name] = file;
          }
        }
        await browser.close().catch(() => undefined);
        return files;
      },
    };
  } catch (err) {
    await browser.close().catch(() => undefined);
    return { skipped: `the console or screen page did not open (${err instanceof Error ? err.message.split('\n')[0] : String(err)})` };
  }
}

/** Durations of flattened [start, duration] pairs. */
export const durations = (flat: readonly number[]): number[] => flat.filter((_, i) => i % 2 === 1);
