/**
 * When the disk fails: a write that could not be stored is never acknowledged, never
 * shown to anyone, and the session carries on from what is on disk. A handshake the
 * server could not check does not make a phone forget who it is.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { nanoid } from 'nanoid';
import { MemoryStore } from '../../server/store/memoryStore.ts';
import type { AppendEntry, BatchResult } from '../../server/store/types.ts';
import { HANDSHAKE_ERRORS } from '../../shared/protocol/events.ts';
import { connect, createSession, op, Operator, Phone, send, settled, startServer, until, type TestServer } from './harness.ts';

/** A memory store whose next N batch writes (or token look-ups) fail. */
class FlakyStore extends MemoryStore {
  failWrites = 0;
  failLookups = 0;
  override async appendBatch(entries: readonly AppendEntry[]): Promise<BatchResult> {
    if (this.failWrites > 0) {
      this.failWrites--;
      throw new Error('disk full');
    }
    return super.appendBatch(entries);
  }
  override async findParticipantToken(hash: string) {
    if (this.failLookups > 0) {
      this.failLookups--;
      throw new Error('database busy');
    }
    return super.findParticipantToken(hash);
  }
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
});

describe('store failures', () => {
  it('a failed write is not acknowledged nor shown, and a retry with the same id works once the disk is back', async () => {
    const store = new FlakyStore();
    server = await startServer({ store });
    const session = await createSession(server.url);
    const facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
    const [a, b] = [new Phone(server.url), new Phone(server.url)];
    await a.join(session.code, 'Anna', 'opdrachtgever', '');
    await b.join(session.code, 'Bert', 'opdrachtnemer', '');
    await facilitator.send('groups:form', { opId: op() });
    await until(() => a.group !== undefined && b.group !== undefined, 'groups');

    store.failWrites = 1;
    const add = { answerId: nanoid(), topicId: 'k1', questionId: 'q1', text: 'bijna verloren' };
    expect(await send(a.socket, 'answer:add', add)).toMatchObject({ ok: false, code: 'internal' });
    // Nobody saw it: not the group, not the facilitator, by the time a later change reached them.
    await settled(facilitator, [facilitator, a, b]);
    expect(b.state!.answers[add.answerId]).toBeUndefined();
    expect(facilitator.state!.answers[add.answerId]).toBeUndefined();

    // The phone's outbox retries with the same answer id: now it is stored, once.
    expect(await send(a.socket, 'answer:add', add)).toMatchObject({ ok: true });
    await until(() => b.state!.answers[add.answerId] !== undefined, 'member sees the answer');
    const commits = await store.loadCommits(session.sessionId);
    expect(commits.flatMap((c) => c.events).filter((e) => e.type === 'answer.added')).toHaveLength(1);
    for (const p of [a, b]) p.close();
    facilitator.close();
  });

  it('a handshake the server cannot check is "unavailable", not "unknown token"', async () => {
    const store = new FlakyStore();
    server = await startServer({ store });
    const session = await createSession(server.url);
    const phone = new Phone(server.url);
    await phone.join(session.code, 'Cor', 'anders', '');
    phone.close();
    store.failLookups = 1;
    const socket = connect(server.url, { participantToken: phone.token! });
    const err = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    socket.disconnect();
    expect(err.message).toBe(HANDSHAKE_ERRORS.unavailable);
    // The next try works: the phone kept its token and is the same person.
    const again = new Phone(server.url, { participantToken: phone.token! });
    await until(() => again.state !== null, 'snapshot');
    expect(again.participantId).toBe(phone.participantId);
    again.close();
  });
});
