/**
 * The browser chaos run, short: 6 phones for about 30 s with random reloads and offline
 * periods, one SIGKILL and restart of the server, two members typing the takeaway at once.
 * The same driver as `npm run test:chaos` (scripts/lib/chaos/driver.ts), which runs longer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { runChaos } from '../../scripts/lib/chaos/driver.ts';
import { hasChromium, launchBrowser } from './support/browser.ts';

describe.skipIf(!hasChromium)('chaos: reloads, offline periods and a server SIGKILL lose nothing a phone showed as confirmed', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('every confirmed answer is in the export exactly once, nothing pending, all takeaway words in the report', async () => {
    const lines: string[] = [];
    const log = (line: string) => {
      lines.push(line);
      console.log(line); // streamed: if the run throws, what happened until then is in the output
    };
    const result = await runChaos({ browser, phones: 6, durationMs: 30_000, kills: 1, log });
    const summary = [...lines, result.line].join('\n');
    console.log(result.line);
    expect(result.confirmed, summary).toBeGreaterThan(0);
    expect({ lost: result.lost, duplicated: result.duplicated, pending: result.pending, inExport: result.inExport }, summary).toEqual({
      lost: 0,
      duplicated: 0,
      pending: 0,
      inExport: result.confirmed,
    });
    expect(result.takeawayMissing, summary).toEqual([]);
    // The console's count of members with unsent text went back to zero once everything was added.
    expect(result.consoleUnsent, summary).toBe(0);
  }, 240_000);
});
