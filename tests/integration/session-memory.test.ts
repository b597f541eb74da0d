/**
 * What the hub keeps in memory and how it gets it back: sessions are isolated in a group
 * write, idle sessions are unloaded and reload on demand, loading reads a snapshot and the
 * commits after it, and a retry older than the remembered operations is still applied once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nanoid } from 'nanoid';
import { firstStepOf } from '../../shared/domain/agenda.ts';
import { replay } from '../../shared/domain/evolve.ts';
import type { Actor, SessionSettings } from '../../shared/domain/types.ts';
import type { Command } from '../../shared/domain/commands.ts';
import { TEMPLATES } from '../../shared/templates.ts';
import { silentLogger } from '../../server/logger.ts';
import { SessionHub, type HubDeps, type LiveSession } from '../../server/sessions/sessionHub.ts';
import { MemoryStore } from '../../server/store/memoryStore.ts';
import { SqliteStore } from '../../server/store/sqliteStore.ts';
import type { SessionStore } from '../../server/store/types.ts';
import { createSession, op, Operator, Phone, send, startServer, until, type TestServer } from './harness.ts';

const SETTINGS: SessionSettings = { targetGroupSize: 5, lateJoiners: 'smallest', locked: false, language: 'nl', topicMinutes: 10, maxParticipants: null };
const facilitator: Actor = { kind: 'facilitator' };
const guest: Actor = { kind: 'guest' };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const BACKENDS: [string, () => SessionStore][] = [
  ['MemoryStore', () => new MemoryStore()],
  [
    'SqliteStore',
    () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenspraak-memory-'));
      const store = SqliteStore.open(path.join(dir, 'db.sqlite'));
      cleanups.push(async () => {
        await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      });
      return store;
    },
  ],
];

function hubOn(store: SessionStore, opts: Partial<HubDeps> = {}): SessionHub {
  const hub = new SessionHub({ store, now: Date.now, logger: silentLogger(), ...opts });
  cleanups.push(() => hub.close());
  return hub;
}

function join(participantId: string): Command {
  return { type: 'participant:join', participantId, name: `Naam ${participantId}`, role: 'anders', organisation: '' };
}

async function newSession(hub: SessionHub): Promise<LiveSession> {
  const created = await hub.create(TEMPLATES[0].content, SETTINGS);
  return (await hub.get(created.record.id))!;
}

/** Runs a command and fails the test when it is refused. */
async function run(hub: SessionHub, s: LiveSession, actor: Actor, command: Command, opId: string | null = null) {
  const result = await hub.execute(s, actor, command, opId);
  if (!result.ok) throw new Error(`refused: ${result.code}`);
  return result;
}

describe.each(BACKENDS)('session memory on %s', (_name, makeStore) => {
  it("deleting session A while its commit is queued does not fail B's join in the same group write, nor reload B", async () => {
    const store = makeStore();
    const hub = hubOn(store);
    const [a, b] = [await newSession(hub), await newSession(hub)];
    const writes = vi.spyOn(store, 'appendBatch');

    // Both joins are decided in this turn, so they are queued for the same group write …
    const joinA = hub.execute(a, guest, join('pa'), null, [{ tokenHash: nanoid(), sessionId: a.record.id, participantId: 'pa' }]);
    const joinB = hub.execute(b, guest, join('pb'), null, [{ tokenHash: nanoid(), sessionId: b.record.id, participantId: 'pb' }]);
    // … and A is deleted before that write happens.
    await store.deleteSession(a.record.id);

    await expect(joinA).rejects.toThrow();
    await expect(joinB).resolves.toEqual({ ok: true, duplicate: false });
    expect(writes).toHaveBeenCalledTimes(1);
    expect(writes.mock.calls[0]![0].map((e) => e.sessionId)).toEqual([a.record.id, b.record.id]);
    // B carries on with the very same in-memory session: not broken, not reloaded.
    expect(b.broken).toBe(false);
    expect(await hub.get(b.record.id)).toBe(b);
    expect(b.state.participants.pb).toBeDefined();
    expect((await store.loadCommits(b.record.id)).flatMap((c) => c.events).map((e) => e.type)).toEqual(['session.created', 'participant.joined']);
    // A is gone from memory as well as from the store.
    expect(await hub.get(a.record.id)).toBeNull();
  });

  it('writes a snapshot every N commits; a fresh hub loads snapshot + tail to the same state as a full replay', async () => {
    const store = makeStore();
    // Only the count rule here (no byte budget); the next test covers the size rule.
    const hub = hubOn(store, { snapshotEvery: 5, snapshotBytesPerCommit: Infinity });
    const s = await newSession(hub);
    for (let i = 0; i < 12; i++) await run(hub, s, guest, join(`p${i}`));
    await run(hub, s, facilitator, { type: 'groups:form', opId: 'form', seed: 'seed' }, 'form');
    await run(hub, s, facilitator, { type: 'step:set', opId: 'step', stepIndex: firstStepOf(s.state, 'topic') }, 'step');
    expect(s.state.agenda[s.state.stepIndex]?.kind).toBe('topic');
    await run(hub, s, guest, join('late1'));
    await run(hub, s, guest, join('late2'));

    // Commits 1..17 (created, 12 joins, groups, step, 2 late joins): snapshots at 5, 10, 15.
    const latest = await store.loadLatest(s.record.id);
    expect(latest.snapshot?.seq).toBe(15);
    expect(latest.commits.map((c) => c.seq)).toEqual([16, 17]);

    const full = replay((await store.loadCommits(s.record.id)).flatMap((c) => c.events));
    const fresh = hubOn(store, { snapshotEvery: 5, snapshotBytesPerCommit: Infinity });
    const reloaded = (await fresh.get(s.record.id))!;
    expect(reloaded.state).toEqual(full);
    expect(reloaded.state).toEqual(s.state);
    expect(reloaded.seq).toBe(17);
    expect(reloaded.state.participants.late2).toBeDefined();
    // And it goes on from there: the next snapshot is at 20.
    for (const id of ['late3', 'late4', 'late5']) await run(fresh, reloaded, guest, join(id));
    expect(await store.loadLatest(s.record.id)).toMatchObject({ snapshot: { seq: 20 }, commits: [] });
  });

  it('a big state is snapshotted less often: at most snapshotBytesPerCommit of it per commit', async () => {
    const store = makeStore();
    const hub = hubOn(store, { snapshotEvery: 5, snapshotBytesPerCommit: 200 });
    const s = await newSession(hub);
    const snapshots: { seq: number; bytes: number }[] = [];
    for (let i = 0; i < 60; i++) {
      await run(hub, s, guest, join(`p${i}`));
      const snap = (await store.loadLatest(s.record.id)).snapshot;
      if (snap && snap.seq !== snapshots.at(-1)?.seq) snapshots.push({ seq: snap.seq, bytes: snap.state.length });
    }
    // The first after 5 commits; each next one only once the commits since the last one
    // carry at most 200 bytes each of it (the template alone makes the state > 2 KB).
    expect(snapshots[0]!.seq).toBe(5);
    expect(snapshots[0]!.bytes).toBeGreaterThan(2000);
    for (let i = 1; i < snapshots.length; i++) {
      const gap = snapshots[i]!.seq - snapshots[i - 1]!.seq;
      expect(gap).toBeGreaterThanOrEqual(Math.max(5, snapshots[i - 1]!.bytes / 200));
    }
    expect(snapshots.length).toBeGreaterThan(1);
    expect(snapshots.length).toBeLessThan(60 / 5);
    // Loading still gives the same state.
    expect((await hubOn(store).get(s.record.id))!.state).toEqual(s.state);
  });

  it('a retry of an operation older than the remembered ones is de-duplicated by the store, and changes nothing', async () => {
    const store = makeStore();
    const hub = hubOn(store, { appliedOpsLimit: 2 });
    let s = await newSession(hub);
    await run(hub, s, guest, join('p1'));
    await run(hub, s, facilitator, { type: 'groups:form', opId: 'form', seed: 'seed' }, 'form');
    const p1: Actor = { kind: 'participant', participantId: 'p1' };
    const rate = (opId: string, now: number): Command => ({ type: 'rating:set', opId, topicId: TEMPLATES[0].content.topics[0]!.id, now });
    await run(hub, s, p1, rate('op-rate-1', 2), 'op-rate-1');
    for (const [i, v] of [3, 4, 5].entries()) await run(hub, s, p1, rate(`op-rate-${i + 2}`, v), `op-rate-${i + 2}`);
    expect(s.appliedOps.size).toBe(2); // bounded: op-rate-1 is forgotten in memory
    expect(s.appliedOps.has('p1/op-rate-1')).toBe(false);
    const commitsBefore = (await store.loadCommits(s.record.id)).length;

    // The old retry would set the score back to 2; the store's unique key says it was done.
    await expect(hub.execute(s, p1, rate('op-rate-1', 2), 'op-rate-1')).resolves.toEqual({ ok: true, duplicate: true });
    expect((await store.loadCommits(s.record.id)).length).toBe(commitsBefore);
    s = (await hub.get(s.record.id))!; // reloaded from disk
    const groupId = s.state.participants.p1!.groupId!;
    expect(s.state.ratings[`${groupId}/${TEMPLATES[0].content.topics[0]!.id}`]?.now).toBe(5);
    // A recent retry is answered from memory, without the store.
    await expect(hub.execute(s, p1, rate('op-rate-4', 5), 'op-rate-4')).resolves.toEqual({ ok: true, duplicate: true });
  });
});

describe('idle sessions', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('a session without sockets is unloaded after the idle period and reloads on demand with everything in it', async () => {
    let now = Date.UTC(2026, 0, 1, 9);
    const IDLE = 15 * 60_000;
    server = await startServer({ now: () => now, hub: { idleUnloadMs: IDLE } });
    const hub = server.app.hub;
    const session = await createSession(server.url);
    const panel = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
    const phone = new Phone(server.url);
    await phone.join(session.code, 'Anna', 'opdrachtgever', 'Gemeente');
    expect(await panel.send('groups:form', { opId: op() })).toMatchObject({ ok: true });
    expect(await panel.send('step:set', { opId: op(), stepIndex: firstStepOf(panel.state!, 'topic') })).toMatchObject({ ok: true });
    await until(() => phone.group !== undefined, 'Anna is in a group');
    const answer = { answerId: nanoid(), topicId: 'k1', questionId: 'q1', text: 'blijft bewaard' };
    expect(await send(phone.socket, 'answer:add', answer)).toMatchObject({ ok: true });
    expect(hub.loadedCount).toBe(1);

    // Connected sockets keep it in memory, however long.
    now += 2 * IDLE;
    expect(hub.unloadIdle()).toEqual([]);
    expect(hub.loadedCount).toBe(1);

    phone.close();
    panel.close();
    await until(() => server!.app.io.engine.clientsCount === 0, 'the server saw both sockets close');
    // Not yet: the idle period starts when the last socket left.
    now += IDLE - 1;
    expect(hub.unloadIdle()).toEqual([]);
    now += 1;
    expect(hub.unloadIdle()).toEqual([session.sessionId]);
    expect(hub.loadedCount).toBe(0);

    // The phone comes back: the session loads again, with Anna's answer and group.
    const back = new Phone(server.url, { participantToken: phone.token! });
    await until(() => back.state !== null, 'a snapshot after the reload');
    expect(hub.loadedCount).toBe(1);
    expect(back.state!.answers[answer.answerId]?.text).toBe('blijft bewaard');
    expect(back.group).toBeDefined();
    expect(back.state!.agenda[back.state!.stepIndex]).toMatchObject({ kind: 'topic', payload: { topicId: 'k1' } });
    back.close();
  });
});
