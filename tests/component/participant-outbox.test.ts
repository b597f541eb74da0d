import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ack } from '../../shared/protocol/ack.ts';
import { Outbox, type OutboxOp } from '../../client/src/participant/outbox.svelte.ts';

const KEY = 'samenspraak:outbox:s1:p1';
let counter = 0;
const newId = () => `op-${++counter}`;

type Reply = Ack<unknown> | 'no_answer';

function makeOutbox(replies: Array<Reply | Promise<Reply>> = []) {
  const sent: OutboxOp[] = [];
  const refused: Array<{ event: string; code: string }> = [];
  const send = vi.fn(async (op: OutboxOp): Promise<Reply> => {
    sent.push(op);
    return replies.length ? await replies.shift()! : { ok: true, data: null };
  });
  const outbox = new Outbox({ storageKey: KEY, send, newId, onRefused: (e, ack) => refused.push({ event: e.event, code: ack.code }) });
  return { outbox, sent, refused, send, replies };
}

const add = (answerId: string, text = 'tekst'): OutboxOp => ({ event: 'answer:add', payload: { answerId, topicId: 't1', questionId: 'q1', text } });
const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => localStorage.clear());
afterEach(() => vi.useRealTimers());

describe('Outbox', () => {
  it('keeps writes on the device until it may send, then sends them in order', async () => {
    const { outbox, sent } = makeOutbox();
    outbox.enqueue(add('answer-aaaaaaaa1'));
    outbox.enqueue(add('answer-aaaaaaaa2'));
    expect(outbox.size).toBe(2);
    expect(sent).toHaveLength(0);
    expect(JSON.parse(localStorage.getItem(KEY)!).entries).toHaveLength(2);

    outbox.setReady(true);
    await vi.waitFor(() => expect(outbox.size).toBe(0));
    expect(sent.map((o) => (o.event === 'answer:add' ? o.payload.answerId : ''))).toEqual(['answer-aaaaaaaa1', 'answer-aaaaaaaa2']);
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('survives a reload: a new outbox on the same key picks up what was waiting', async () => {
    const first = makeOutbox();
    first.outbox.enqueue(add('answer-bbbbbbbb1', 'niet kwijtraken'));
    first.outbox.dispose();

    const second = makeOutbox();
    expect(second.outbox.size).toBe(1);
    second.outbox.setReady(true);
    await vi.waitFor(() => expect(second.sent).toHaveLength(1));
    expect(second.sent[0]).toMatchObject({ event: 'answer:add', payload: { text: 'niet kwijtraken' } });
  });

  it('retries with the same idempotency key when no answer came', async () => {
    vi.useFakeTimers();
    const { outbox, sent } = makeOutbox(['no_answer', { ok: true, data: null }]);
    outbox.enqueue({ event: 'answer:delete', payload: { opId: 'delete-op-1', answerId: 'a1' } });
    outbox.setReady(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(1);
    expect(outbox.size).toBe(1);
    await vi.advanceTimersByTimeAsync(1500);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toEqual(sent[1]);
    expect(outbox.size).toBe(0);
  });

  it('holds everything while not ready (offline), and resumes on reconnect', async () => {
    const { outbox, sent } = makeOutbox();
    outbox.setReady(true);
    outbox.setReady(false);
    outbox.enqueue(add('answer-cccccccc1'));
    await flush();
    expect(sent).toHaveLength(0);
    outbox.setReady(true);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
  });

  it('drops a definitively refused write, reports it, and carries on with the next', async () => {
    const { outbox, sent, refused } = makeOutbox([
      { ok: false, code: 'forbidden', error: 'nee', key: 'error.notYourAnswer' },
      { ok: true, data: null },
    ]);
    outbox.enqueue({ event: 'answer:edit', payload: { answerId: 'a9', text: 'x', rev: 2 } });
    outbox.enqueue(add('answer-dddddddd1'));
    outbox.setReady(true);
    await vi.waitFor(() => expect(outbox.size).toBe(0));
    expect(sent).toHaveLength(2);
    expect(refused).toEqual([{ event: 'answer:edit', code: 'forbidden' }]);
  });

  it('keeps a write that was refused for a passing reason (rate limit) and tries again later', async () => {
    vi.useFakeTimers();
    const { outbox, sent, refused } = makeOutbox([{ ok: false, code: 'rate_limited', error: 'rustig', key: 'error.rateLimited' }]);
    outbox.enqueue(add('answer-eeeeeeee1'));
    outbox.setReady(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.size).toBe(1);
    expect(refused).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1500);
    expect(sent).toHaveLength(2);
    expect(outbox.size).toBe(0);
  });

  it('counts edit revisions up from the server’s, and keeps counting for consecutive edits', () => {
    const { outbox } = makeOutbox();
    expect(outbox.nextRev('a1', 1)).toBe(2);
    expect(outbox.nextRev('a1', 1)).toBe(3);
    expect(outbox.nextRev('a1', 7)).toBe(8);
    // An answer the server has not confirmed yet starts at rev 1.
    expect(outbox.nextRev('new', undefined)).toBe(2);
  });

  it('replaces a waiting rating for the same topic and scale instead of sending every click', async () => {
    const { outbox, sent } = makeOutbox();
    outbox.enqueue({ event: 'rating:set', payload: { opId: 'rating-op-1', topicId: 't1', now: 2 } });
    outbox.enqueue({ event: 'rating:set', payload: { opId: 'rating-op-2', topicId: 't1', want: 5 } });
    outbox.enqueue({ event: 'rating:set', payload: { opId: 'rating-op-3', topicId: 't1', now: 4 } });
    expect(outbox.size).toBe(2);
    outbox.setReady(true);
    await vi.waitFor(() => expect(outbox.size).toBe(0));
    expect(sent.map((o) => o.payload)).toEqual([
      { opId: 'rating-op-2', topicId: 't1', want: 5 },
      { opId: 'rating-op-3', topicId: 't1', now: 4 },
    ]);
  });

  it('drain() empties the queue and forgets it on the device', () => {
    const { outbox } = makeOutbox();
    outbox.enqueue(add('answer-ffffffff1', 'red mij'));
    const left = outbox.drain();
    expect(left).toHaveLength(1);
    expect(outbox.size).toBe(0);
    expect(localStorage.getItem(KEY)).toBeNull();
  });
});
