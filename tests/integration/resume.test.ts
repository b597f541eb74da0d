/**
 * Nothing lost: reloads, long disconnects, duplicate sends and a server restart on the
 * same data directory, with real sockets and the real SQLite store.
 */
import { firstStepOf } from '../../shared/domain/agenda.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryStore } from '../../server/store/memoryStore.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { nanoid } from 'nanoid';
import { SqliteStore } from '../../server/store/sqliteStore.ts';
import { HANDSHAKE_ERRORS } from '../../shared/protocol/events.ts';
import { connect, createSession, op, Operator, Phone, send, settled, startServer, until, type TestServer } from './harness.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'samenspraak-resume-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function serverOn(file: string, extra: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const store = SqliteStore.open(file);
  const server = await startServer({ store, ...extra });
  return {
    ...server,
    async close() {
      await server.close();
      await store.close();
    },
  };
}

/** A session with 8 phones in groups, at the first topic. */
async function workshop(server: TestServer) {
  const session = await createSession(server.url);
  const facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
  const phones: Phone[] = [];
  for (let i = 0; i < 8; i++) {
    const phone = new Phone(server.url);
    phones.push(phone);
    await phone.join(session.code, `Deelnemer ${i}`, i % 2 ? 'opdrachtnemer' : 'opdrachtgever', `Org ${i % 3}`);
  }
  cleanups.push(() => {
    for (const p of phones) p.close();
    facilitator.close();
  });
  await facilitator.send('groups:form', { opId: op() });
  const firstTopic = firstStepOf(facilitator.state!, 'topic');
  await facilitator.send('step:set', { opId: op(), stepIndex: firstTopic });
  await until(() => phones.every((p) => p.group && p.state!.stepIndex === firstTopic), 'phones in groups at topic 1');
  return { session, facilitator, phones };
}

describe('coming back', () => {
  it('a page reload mid-dialogue brings back the same person, group and contributions', async () => {
    const server = await startServer();
    cleanups.push(() => server.close());
    const { phones } = await workshop(server);
    const phone = phones[0]!;
    const answerId = nanoid();
    expect(await send(phone.socket, 'answer:add', { answerId, topicId: 'k1', questionId: 'q1', text: 'voor de reload' })).toMatchObject({ ok: true });
    const group = phone.group!.id;
    await phone.reload();
    expect(phone.group!.id).toBe(group);
    expect(phone.state!.answers[answerId]?.text).toBe('voor de reload');
    expect(phone.state!.stepIndex).toBe(firstStepOf(phone.state!, 'topic'));
    // And they can go on writing as themselves.
    expect(await send(phone.socket, 'answer:edit', { answerId, text: 'na de reload', rev: 2 })).toMatchObject({ ok: true });
  });

  it('a long disconnect shows as "weg" after the grace period, keeps the group, and reconnecting shows them back', async () => {
    const server = await startServer({ presenceGraceMs: 150 });
    cleanups.push(() => server.close());
    const { facilitator, phones } = await workshop(server);
    const phone = phones[1]!;
    const id = phone.participantId!;
    expect(facilitator.presence[id]).toBe('connected');
    phone.socket.disconnect();
    await until(() => facilitator.presence[id] === 'reconnecting', 'facilitator sees reconnecting');
    await until(() => facilitator.presence[id] === 'away', 'facilitator sees away after the grace period');
    expect(facilitator.state!.participants[id]!.groupId).toBe(phone.group!.id);
    await phone.reload();
    await until(() => facilitator.presence[id] === 'connected', 'facilitator sees them back');
    expect(phone.group!.memberIds).toContain(id);
  });

  it('an unknown or removed device token is refused at the handshake', async () => {
    const server = await startServer();
    cleanups.push(() => server.close());
    const { facilitator, phones } = await workshop(server);
    const bogus = connect(server.url, { participantToken: 'x'.repeat(32) });
    cleanups.push(() => void bogus.disconnect());
    await expect(new Promise((_, reject) => bogus.once('connect_error', reject))).rejects.toThrow(HANDSHAKE_ERRORS.unknownToken);

    const phone = phones[2]!;
    expect(await facilitator.send('participant:remove', { opId: op(), participantId: phone.participantId! })).toMatchObject({ ok: true });
    await until(() => phone.removed, 'phone is told it was removed');
    const again = connect(server.url, { participantToken: phone.token! });
    cleanups.push(() => void again.disconnect());
    await expect(new Promise((_, reject) => again.once('connect_error', reject))).rejects.toThrow(HANDSHAKE_ERRORS.removed);
  });
});

describe('duplicate sends', () => {
  it('the same operation sent twice (a retry after a lost ack) is applied once', async () => {
    const server = await startServer();
    cleanups.push(() => server.close());
    const { facilitator, phones } = await workshop(server);
    const [a, b] = phones.filter((p) => p.group!.id === phones[0]!.group!.id);
    const answerId = nanoid();
    const add = { answerId, topicId: 'k1', questionId: 'q2', text: 'één keer' };
    const acks = await Promise.all([send(a!.socket, 'answer:add', add), send(a!.socket, 'answer:add', add), send(a!.socket, 'answer:add', add)]);
    expect(acks.every((x) => x.ok)).toBe(true);
    await until(() => facilitator.state!.answers[answerId] !== undefined, 'answer arrives');
    expect(Object.values(facilitator.state!.answers).filter((x) => x.text === 'één keer')).toHaveLength(1);

    // A rating retried after a newer one from someone else must not undo the newer one.
    const ratingOp = op();
    expect(await send(a!.socket, 'rating:set', { opId: ratingOp, topicId: 'k1', now: 1 })).toMatchObject({ ok: true });
    expect(await send(b!.socket, 'rating:set', { opId: op(), topicId: 'k1', now: 4 })).toMatchObject({ ok: true });
    expect(await send(a!.socket, 'rating:set', { opId: ratingOp, topicId: 'k1', now: 1 })).toMatchObject({ ok: true });
    await until(() => facilitator.state!.ratings[`${a!.group!.id}/k1`]?.now === 4, 'newer rating');
    await settled(facilitator, [facilitator, a!]);
    expect(facilitator.state!.ratings[`${a!.group!.id}/k1`]?.now).toBe(4);
    expect(a!.state!.ratings[`${a!.group!.id}/k1`]?.now).toBe(4);

    // Edits: the same rev twice, or an older rev after a newer one, change nothing.
    expect(await send(a!.socket, 'answer:edit', { answerId, text: 'versie 3', rev: 3 })).toMatchObject({ ok: true });
    expect(await send(a!.socket, 'answer:edit', { answerId, text: 'versie 2', rev: 2 })).toMatchObject({ ok: true });
    expect(await send(a!.socket, 'answer:edit', { answerId, text: 'versie 3', rev: 3 })).toMatchObject({ ok: true });
    await settled(facilitator, [facilitator, b!]);
    expect(facilitator.state!.answers[answerId]).toMatchObject({ text: 'versie 3', rev: 3 });
    expect(b!.state!.answers[answerId]).toMatchObject({ text: 'versie 3', rev: 3 });
  });
});

describe('server restart', () => {
  it('a new server process on the same data directory picks up everything', async () => {
    const file = path.join(tempDir(), 'data', 'samenspraak.sqlite');
    const first = await serverOn(file);
    const { session, facilitator, phones } = await workshop(first);
    const writes = await Promise.all(
      phones.map(async (p, i) => {
        const answerId = nanoid();
        const ack = await send(p.socket, 'answer:add', { answerId, topicId: 'k1', questionId: 'q1', text: `voor herstart ${i}` });
        return { answerId, ok: ack.ok };
      }),
    );
    expect(writes.every((w) => w.ok)).toBe(true);
    await facilitator.send('timer:start', { opId: op() });
    await facilitator.send('spotlight:set', { opId: op(), groupId: facilitator.state!.groups[1]!.id });
    await until(() => facilitator.state!.spotlightGroupId !== null && facilitator.state!.timer.status === 'running', 'timer and spotlight');
    const before = structuredClone(facilitator.state!);
    const tokens = phones.map((p) => ({ token: p.token!, id: p.participantId!, group: p.group!.id }));
    for (const p of phones) p.close();
    facilitator.close();
    await first.close();

    const second = await serverOn(file);
    cleanups.push(() => second.close());
    const panel = await new Operator(second.url, session.sessionId, session.facilitatorSecret).ready();
    cleanups.push(() => panel.close());
    // Same phase, step, timer (an absolute end time, so the time left is still right), spotlight, answers.
    expect(panel.state).toEqual(before);
    for (const { token, id, group } of tokens) {
      const phone = new Phone(second.url, { participantToken: token });
      cleanups.push(() => phone.close());
      await until(() => phone.state !== null, 'phone snapshot after restart');
      expect(phone.participantId).toBe(id);
      expect(phone.group!.id).toBe(group);
    }
    for (const w of writes) expect(panel.state!.answers[w.answerId]).toBeDefined();
    // The join code still works for newcomers.
    const late = new Phone(second.url);
    cleanups.push(() => late.close());
    expect(await late.join(session.code, 'Laatkomer', 'anders', '')).toMatchObject({ ok: true });
  });
});

describe('deleting a session', () => {
  it('removes all its data at once: the code stops working, downloads are gone, phones are told', async () => {
    const server = await startServer();
    cleanups.push(() => server.close());
    const { session, phones } = await workshop(server);
    const res = await fetch(`${server.url}/api/sessions/${session.sessionId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${session.facilitatorSecret}` },
    });
    expect(res.status).toBe(204);
    await until(() => phones.every((p) => p.removed), 'phones are told');
    expect((await fetch(`${server.url}/api/join/${session.code}`)).status).toBe(404);
    const csv = await fetch(`${server.url}/api/sessions/${session.sessionId}/export.csv`, {
      headers: { authorization: `Bearer ${session.facilitatorSecret}` },
    });
    expect(csv.status).toBe(401);
    expect(await server.store.loadCommits(session.sessionId)).toEqual([]);
    expect(await server.store.findParticipantToken('x')).toBeNull();
    // A new phone with the code (the session was in memory until the deletion) is refused too.
    const late = new Phone(server.url);
    cleanups.push(() => late.close());
    expect(await late.join(session.code, 'Laatkomer', 'anders', '')).toMatchObject({ ok: false, key: 'error.codeNotFound' });
  });
});

describe('joining a session that is in memory', () => {
  it('finds it by its code without asking the store', async () => {
    const store = new MemoryStore();
    let lookups = 0;
    const find = store.findSessionByCode.bind(store);
    store.findSessionByCode = (code: string) => (lookups++, find(code));
    const server = await startServer({ store });
    cleanups.push(() => server.close());
    const session = await createSession(server.url);
    const before = lookups;
    const phones = [0, 1, 2].map(() => new Phone(server.url));
    cleanups.push(() => phones.forEach((p) => p.close()));
    // The first join loads the session (one lookup); the others find it in memory.
    for (const [i, p] of phones.entries()) expect(await p.join(session.code, `Deelnemer ${i}`, 'anders', '')).toMatchObject({ ok: true });
    expect(lookups - before).toBe(1);
  });
});
