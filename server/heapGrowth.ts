/**
 * Keeps the server's heap close to its live data. Left to itself, V8 lets a busy heap grow
 * to 3-4x what the last full collection kept before it collects again: at 2,000 people
 * (about 55 MB live) the server's resident memory went to 330 MB, most of it garbage waiting
 * to be collected. With 40% (and the report writers no longer loaded here) the bench's peak
 * is 220-230 MB at 2,000 and 320 MB at 5,000 (README, Performance), for a little more CPU in
 * the concurrent marker.
 *
 * V8 reads this flag each time it sets the next collection's limit, so setting it at start
 * takes effect without a command-line flag: `node dist/server/index.js` and `npm start` run
 * the same way.
 */
import v8 from 'node:v8';

export function limitHeapGrowth(percent: number): void {
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
