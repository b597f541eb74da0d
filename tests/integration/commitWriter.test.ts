import { describe, expect, it } from 'vitest';
import { CommitWriter } from '../../server/sessions/commitWriter.ts';
import type { AppendEntry, BatchResult, SessionStore } from '../../server/store/types.ts';

/** A store whose group writes finish when the test says so; it records each batch. */
function slowStore() {
  const batches: string[][] = [];
  const finish: Array<(r: BatchResult) => void> = [];
  const store = {
    appendBatch: (entries: readonly AppendEntry[]) => {
      batches.push(entries.map((e) => `${e.sessionId}#${e.commit.seq}`));
      return new Promise<BatchResult>((resolve) => finish.push(resolve));
    },
  } as unknown as SessionStore;
  const done = (failed: ReadonlyMap<string, Error> = new Map()) => finish.shift()!({ failed });
  return { store, batches, done };
}

const entry = (sessionId: string, seq: number): AppendEntry => ({ sessionId, commit: { seq, opId: null, at: 0, events: [] } });
const turn = () => new Promise((r) => setImmediate(r));

describe('CommitWriter (group commit)', () => {
  it('writes what arrives together as one batch and resolves each caller only when it is written', async () => {
    const s = slowStore();
    const w = new CommitWriter({ store: s.store, onFailure: () => {} });
    let resolved = 0;
    void w.enqueue(entry('a', 1)).then(() => resolved++);
    void w.enqueue(entry('b', 1)).then(() => resolved++);
    await turn();
    expect(s.batches).toEqual([['a#1', 'b#1']]);
    expect(resolved).toBe(0);
    s.done();
    await w.drain();
    expect(resolved).toBe(2);
  });

  it('a big batch is acknowledged a slice at a time, in order, with other work in between', async () => {
    const s = slowStore();
    const w = new CommitWriter({ store: s.store, onFailure: () => {} });
    const order: number[] = [];
    for (let i = 1; i <= 250; i++) void w.enqueue(entry('a', i)).then(() => order.push(i));
    await turn();
    expect(s.batches[0]).toHaveLength(250);
    // Something else the event loop has to do (a message from another phone), due at once.
    let otherWorkAfter: number | null = null;
    s.done();
    setImmediate(() => (otherWorkAfter = order.length));
    await w.drain();
    expect(order).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    // It ran after the first slice of 100, not after all 250.
    expect(otherWorkAfter).toBe(100);
  });

  it('everything that arrives while a batch is being written goes out as the next single batch', async () => {
    const s = slowStore();
    const w = new CommitWriter({ store: s.store, onFailure: () => {} });
    const order: string[] = [];
    const add = (e: AppendEntry) => void w.enqueue(e).then(() => order.push(`${e.sessionId}#${e.commit.seq}`));
    add(entry('a', 1));
    await turn();
    // Three more turns of the event loop while the first write is still on its way.
    add(entry('a', 2));
    await turn();
    add(entry('b', 1));
    await turn();
    add(entry('a', 3));
    await turn();
    expect(s.batches).toEqual([['a#1']]);
    s.done();
    await turn();
    await turn();
    expect(s.batches).toEqual([['a#1'], ['a#2', 'b#1', 'a#3']]);
    s.done();
    await w.drain();
    expect(order).toEqual(['a#1', 'a#2', 'b#1', 'a#3']);
  });

  it('a session refused in a batch fails only its own callers; the others are written', async () => {
    const s = slowStore();
    const failures: string[] = [];
    const w = new CommitWriter({ store: s.store, onFailure: (f) => failures.push(...f.keys()) });
    const a = w.enqueue(entry('a', 1));
    const b = w.enqueue(entry('b', 1));
    await turn();
    s.done(new Map([['a', new Error('refused')]]));
    await expect(a).rejects.toThrow('refused');
    await expect(b).resolves.toBeUndefined();
    expect(failures).toEqual(['a']);
  });

  it('an entry of a session that broke meanwhile is refused, not written', async () => {
    const s = slowStore();
    const w = new CommitWriter({ store: s.store, onFailure: () => {} });
    const stale = w.enqueue(entry('a', 5), () => true).catch((e: unknown) => e);
    const fine = w.enqueue(entry('b', 1));
    await turn();
    expect(s.batches).toEqual([['b#1']]);
    expect(String(await stale)).toMatch(/being reloaded/);
    s.done();
    await expect(fine).resolves.toBeUndefined();
  });
});
