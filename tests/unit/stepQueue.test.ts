import { describe, expect, it } from 'vitest';
import { createStepQueue } from '../../client/src/operator/console/stepQueue.ts';

/** A server that answers each step change when the test says so. */
function fakeServer(steps = 10) {
  let current = 0;
  const sent: number[] = [];
  const waiting: Array<() => void> = [];
  const refuse = new Set<number>();
  const go = createStepQueue({
    current: () => current,
    count: () => steps,
    send: (to) =>
      new Promise((resolve) => {
        sent.push(to);
        waiting.push(() => {
          if (refuse.has(to)) return resolve('Geweigerd');
          current = to;
          resolve(null);
        });
      }),
  });
  const answer = async () => {
    waiting.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { go, sent, answer, refuse, get current() { return current; } };
}

describe('step queue (clicker presses during a step change)', () => {
  it('one press, one change', async () => {
    const s = fakeServer();
    const done = s.go(1);
    await s.answer();
    expect(await done).toBeNull();
    expect(s.sent).toEqual([1]);
  });

  it('a second press while the first is on its way moves one step further, not the same step again', async () => {
    const s = fakeServer();
    const first = s.go(1);
    const second = s.go(1);
    await s.answer();
    await s.answer();
    expect(await first).toBeNull();
    expect(await second).toBeNull();
    expect(s.sent).toEqual([1, 2]);
    expect(s.current).toBe(2);
  });

  it('Next then Previous before the server answers ends where it started', async () => {
    const s = fakeServer();
    const first = s.go(1);
    void s.go(-1);
    await s.answer();
    await s.answer();
    await first;
    expect(s.sent).toEqual([1, 0]);
    expect(s.current).toBe(0);
  });

  it('three quick presses send only as many changes as needed, and end three steps on', async () => {
    const s = fakeServer();
    const first = s.go(1);
    void s.go(1);
    void s.go(1);
    await s.answer();
    await s.answer();
    await first;
    expect(s.sent).toEqual([1, 3]);
    expect(s.current).toBe(3);
  });

  it('stays within the programme', async () => {
    const s = fakeServer(2);
    expect(await s.go(-1)).toBeNull();
    const first = s.go(1);
    void s.go(1);
    await s.answer();
    await first;
    expect(s.sent).toEqual([1]);
  });

  it('a refusal stops the presses after it and is returned', async () => {
    const s = fakeServer();
    s.refuse.add(1);
    const first = s.go(1);
    void s.go(1);
    await s.answer();
    expect(await first).toBe('Geweigerd');
    expect(s.sent).toEqual([1]);
    expect(s.current).toBe(0);
  });
});
