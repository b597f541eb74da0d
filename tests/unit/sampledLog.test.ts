/** Refused packets are logged a few lines a second per reason, with a count of the rest. */
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { SampledLog } from '../../server/realtime/sampledLog.ts';

function setup() {
  const lines: Record<string, unknown>[] = [];
  let now = 0;
  const log = new SampledLog(pino({ level: 'info' }, { write: (l: string) => void lines.push(JSON.parse(l) as Record<string, unknown>) }), () => now, 3);
  return { lines, log, at: (t: number) => (now = t) };
}

describe('SampledLog', () => {
  it('writes at most three lines a second per reason and counts the rest', () => {
    const { lines, log, at } = setup();
    for (let i = 0; i < 8000; i++) log.note('rate_limited');
    for (let i = 0; i < 10; i++) log.note('unknown_event');
    expect(lines.filter((l) => l.action === 'rate_limited')).toHaveLength(3);
    expect(lines.filter((l) => l.action === 'unknown_event')).toHaveLength(3);
    // The next second's first line says how many were left out.
    at(1000);
    log.note('rate_limited');
    expect(lines.at(-1)).toMatchObject({ action: 'rate_limited', suppressed: 7997 });
  });

  it('a reason that went quiet has its count written by flush', () => {
    const { lines, log, at } = setup();
    for (let i = 0; i < 5; i++) log.note('schema');
    log.flush();
    expect(lines).toHaveLength(3); // its second is not over yet
    at(1500);
    log.flush();
    expect(lines.at(-1)).toMatchObject({ action: 'schema', suppressed: 2 });
    log.flush();
    expect(lines).toHaveLength(4);
  });
});
