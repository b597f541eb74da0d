/**
 * Builds the client once before the browser tests (they serve dist/client like `npm start`).
 * Skipped, like the tests themselves, when there is no Chromium on this machine.
 */
import { spawnSync } from 'node:child_process';
import { chromiumPath } from './browser.ts';

export default function setup(): void {
  if (!chromiumPath()) {
    console.warn('\n[e2e] No Chromium found (/usr/bin/chromium): browser tests are skipped. Install it with: apt-get install chromium\n');
    return;
  }
  if (process.env.E2E_SKIP_BUILD === '1') return;
  // The same build as `npm start` (with the precompressed copies the server prefers).
  const result = spawnSync('npm', ['run', '--silent', 'build:client'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the client failed');
}
