/**
 * Builds the client once before the browser tests (they serve dist/client like `npm start`).
 * Without Chromium the tests skip themselves on a developer's machine, but on CI
 * (CI=true) a missing browser fails the suite: a green run must mean they ran.
 */
import { spawnSync } from 'node:child_process';
import { chromiumPath } from './browser.ts';

function isCI(): boolean {
  const ci = process.env.CI?.toLowerCase();
  return ci === 'true' || ci === '1';
}

export default function setup(): void {
  if (!chromiumPath()) {
    if (isCI()) throw new Error('[e2e] CI=true but no Chromium found (/usr/bin/chromium or CHROMIUM_PATH): the browser tests cannot run.');
    console.warn('\n[e2e] No Chromium found (/usr/bin/chromium): browser tests are skipped. Install it with: apt-get install chromium\n');
    return;
  }
  if (process.env.E2E_SKIP_BUILD === '1') return;
  // The same build as `npm start` (with the precompressed copies the server prefers).
  const result = spawnSync('npm', ['run', '--silent', 'build:client'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the client failed');
}
