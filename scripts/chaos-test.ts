/**
 * `npm run test:chaos`: phones in a real browser lose nothing under chaos (about 2 minutes).
 *
 * At least 12 phone pages in one Chromium type and add answers while pages are reloaded and
 * taken offline at random and the server is SIGKILLed and restarted twice (same data
 * directory); then two members of one group type the takeaway at the same moment. Every
 * answer a phone showed as confirmed must be in the CSV export exactly once, no phone may
 * have anything pending, and both takeaway writers must find all their words in the report.
 * See scripts/lib/chaos/driver.ts; a shorter run is part of `npm test` (tests/e2e/chaos.test.ts).
 *
 * CHAOS_PHONES, CHAOS_SECONDS and CHAOS_KILLS change the size; CHAOS_SKIP_BUILD=1 reuses dist/client.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { hasChromium, launchBrowser } from '../tests/e2e/support/browser.ts';
import { runChaos } from './lib/chaos/driver.ts';

const PHONES = Math.max(12, Number(process.env.CHAOS_PHONES ?? 12));
const SECONDS = Number(process.env.CHAOS_SECONDS ?? 120);
const KILLS = Math.max(2, Number(process.env.CHAOS_KILLS ?? 2));

async function main(): Promise<void> {
  if (!hasChromium) {
    console.error('test:chaos needs Chromium (/usr/bin/chromium or CHROMIUM_PATH): apt-get install chromium');
    process.exit(1);
  }
  if (process.env.CHAOS_SKIP_BUILD !== '1') {
    // The phones load the built client, as `npm start` serves it.
    const built = spawnSync('npm', ['run', '--silent', 'build:client'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('building the client failed');
  }
  const browser = await launchBrowser();
  try {
    const result = await runChaos({
      browser,
      phones: PHONES,
      durationMs: SECONDS * 1000,
      kills: KILLS,
      log: (line) => console.log(line),
    });
    console.log(`node ${process.version}, ${os.cpus().length} cores`);
    console.log(result.line);
    if (!result.ok) process.exitCode = 1;
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
