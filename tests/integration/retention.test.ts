/**
 * Storage limitation: sessions older than RETENTION_DAYS are deleted with all their data,
 * newer ones stay.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSession, Phone, startServer, type TestServer } from './harness.ts';
import { MemoryStore } from '../../server/store/memoryStore.ts';

const DAY = 24 * 60 * 60 * 1000;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('retention', () => {
  it('deletes sessions older than the retention period when the server starts, and keeps the rest', async () => {
    const store = new MemoryStore();
    let now = Date.UTC(2026, 0, 1);
    // Two sessions made on 1 January, one on 25 January.
    server = await startServer({ store, now: () => now });
    const old1 = await createSession(server.url);
    const old2 = await createSession(server.url);
    const phone = new Phone(server.url);
    expect(await phone.join(old1.code, 'Oud', 'anders', '')).toMatchObject({ ok: true });
    phone.close();
    now += 24 * DAY;
    const recent = await createSession(server.url);
    await server.close();

    // On 25 January, with 30 days of retention, nothing is old enough yet.
    now = Date.UTC(2026, 0, 25);
    server = await startServer({ store, now: () => now, retentionDays: 30 });
    expect(await server.app.retention!.lastSweep).toEqual([]);
    expect((await store.listSessions()).map((s) => s.id).sort()).toEqual([old1.sessionId, old2.sessionId, recent.sessionId].sort());
    await server.close();

    // On 5 February the two January-1 sessions are past 30 days: gone, codes and all.
    now = Date.UTC(2026, 1, 5);
    server = await startServer({ store, now: () => now, retentionDays: 30 });
    expect((await server.app.retention!.lastSweep).sort()).toEqual([old1.sessionId, old2.sessionId].sort());
    expect((await store.listSessions()).map((s) => s.id)).toEqual([recent.sessionId]);
    expect(await store.loadCommits(old1.sessionId)).toEqual([]);
    expect((await fetch(`${server.url}/api/join/${old1.code}`)).status).toBe(404);
    const facts = await fetch(`${server.url}/api/join/${recent.code}`);
    expect(facts.status).toBe(200);
    // One server: nothing about other servers in the answer.
    expect(await facts.json()).not.toHaveProperty('socketPath');
  });
});
