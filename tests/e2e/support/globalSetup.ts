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
  const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('vite build failed');
}
