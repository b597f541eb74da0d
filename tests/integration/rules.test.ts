/**
 * The rules over real sockets where the order of checks matters: a sender is authorised
 * before the server looks at the idempotency key, so a refused command sent again with the
 * same key is refused again (never "ok, already done"); answers stay with the group that
 * wrote them; ids that name nothing (prototype names included) change nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { nanoid } from 'nanoid';
import { firstStepOf } from '../../shared/domain/agenda.ts';
import { createSession, op, Operator, Phone, send, startServer, until, type TestServer } from './harness.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A session with four people in two groups of two, at the first topic. */
async function dialogue() {
  server = await startServer();
  const session = await createSession(server.url);
  const facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
  const phones = [new Phone(server.url), new Phone(server.url), new Phone(server.url), new Phone(server.url)];
  for (const [i, p] of phones.entries()) await p.join(session.code, `P${i}`, i % 2 ? 'opdrachtnemer' : 'opdrachtgever', `Org ${i}`);
  expect(await facilitator.send('groups:form', { opId: op(), targetSize: 2 })).toMatchObject({ ok: true });
  expect(await facilitator.send('step:set', { opId: op(), stepIndex: firstStepOf(facilitator.state!, 'topic') })).toMatchObject({ ok: true });
  await until(() => phones.every((p) => p.group !== undefined), 'everyone has a group');
  await until(() => phones.every((p) => p.state?.agenda[p.state.stepIndex]?.kind === 'topic'), 'everyone is at the first topic');
  const commits = async () => (await server!.store.loadCommits(session.sessionId)).length;
  const close = () => {
    for (const p of phones) p.close();
    facilitator.close();
  };
  return { session, facilitator, phones, commits, close };
}

describe('rules at the server', () => {
  it("someone else's answer id is refused every time, while the author's retry is acknowledged", async () => {
    const { phones, commits, close } = await dialogue();
    const [author, other] = phones as [Phone, Phone];
    const add = { answerId: nanoid(), topicId: 'k1', questionId: 'q1', text: 'van mij' };
    expect(await send(author.socket, 'answer:add', add)).toMatchObject({ ok: true });
    const before = await commits();

    // Same payload, same idempotency key ("add:<answerId>"), another sender: refused, twice.
    for (let i = 0; i < 2; i++) {
      expect(await send(other.socket, 'answer:add', { ...add, text: 'van mij nu' })).toMatchObject({ ok: false, code: 'conflict', key: 'error.answerIdTaken' });
    }
    expect(await send(other.socket, 'answer:edit', { answerId: add.answerId, text: 'overschreven', rev: 2 })).toMatchObject({ ok: false, code: 'forbidden' });
    // The author's own retry is the same operation: acknowledged, not applied again.
    expect(await send(author.socket, 'answer:add', add)).toMatchObject({ ok: true });
    expect(await commits()).toBe(before);
    close();
  });

  it('a refused delete replayed with the key of an applied one is still refused', async () => {
    const { phones, commits, close } = await dialogue();
    const [author, other] = phones as [Phone, Phone];
    const add = { answerId: nanoid(), topicId: 'k1', questionId: 'q1', text: 'weg ermee' };
    expect(await send(author.socket, 'answer:add', add)).toMatchObject({ ok: true });
    const del = { opId: op(), answerId: add.answerId };
    expect(await send(author.socket, 'answer:delete', del)).toMatchObject({ ok: true });
    const after = await commits();
    // The author's retry is "already done"; the same key from someone else is not theirs.
    expect(await send(author.socket, 'answer:delete', del)).toMatchObject({ ok: true });
    for (let i = 0; i < 2; i++) expect(await send(other.socket, 'answer:delete', del)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await commits()).toBe(after);
    close();
  });

  it('a removed participant replaying an applied operation is refused, not told "ok"', async () => {
    const { facilitator, phones, close } = await dialogue();
    const phone = phones[0]!;
    const rating = { opId: op(), topicId: 'k1', now: 3 };
    expect(await send(phone.socket, 'rating:set', rating)).toMatchObject({ ok: true });
    expect(await facilitator.send('participant:remove', { opId: op(), participantId: phone.participantId! })).toMatchObject({ ok: true });
    await until(() => phone.removed, 'the phone hears it was removed');
    expect(await send(phone.socket, 'rating:set', rating)).toMatchObject({ ok: false, code: 'unauthorized' });
    close();
  });

  it('after a move, answers stay with the old group: no edit, no delete; a retry of an earlier edit is still acknowledged', async () => {
    const { facilitator, phones, commits, close } = await dialogue();
    const phone = phones[0]!;
    const oldGroup = phone.group!.id;
    const newGroup = facilitator.state!.groups.find((g) => g.id !== oldGroup)!.id;
    const add = { answerId: nanoid(), topicId: 'k1', questionId: 'q1', text: 'in groep 1' };
    expect(await send(phone.socket, 'answer:add', add)).toMatchObject({ ok: true });
    const edit = { answerId: add.answerId, text: 'in groep 1, beter', rev: 2 };
    expect(await send(phone.socket, 'answer:edit', edit)).toMatchObject({ ok: true });

    expect(await facilitator.send('participant:move', { opId: op(), participantId: phone.participantId!, groupId: newGroup })).toMatchObject({ ok: true });
    await until(() => phone.group?.id === newGroup, 'the phone is in the new group');
    const before = await commits();

    expect(await send(phone.socket, 'answer:edit', { ...edit, text: 'verhuisd', rev: 3 })).toMatchObject({ ok: false, code: 'forbidden', key: 'error.answerInOldGroup' });
    expect(await send(phone.socket, 'answer:delete', { opId: op(), answerId: add.answerId })).toMatchObject({ ok: false, code: 'forbidden', key: 'error.answerInOldGroup' });
    expect(await send(phone.socket, 'answer:edit', edit)).toMatchObject({ ok: true });
    expect(await commits()).toBe(before);
    expect(facilitator.state!.answers[add.answerId]).toMatchObject({ groupId: oldGroup, text: 'in groep 1, beter' });
    close();
  });

  it('facilitator commands naming prototype ids are refused and never committed', async () => {
    const { facilitator, commits, close } = await dialogue();
    const before = await commits();
    for (const id of ['__proto__', 'constructor', 'toString']) {
      expect(await facilitator.send('participant:move', { opId: op(), participantId: id, groupId: null })).toMatchObject({ ok: false, code: 'not_found' });
      expect(await facilitator.send('participant:remove', { opId: op(), participantId: id, block: true })).toMatchObject({ ok: false, code: 'not_found' });
      expect(await facilitator.send('answer:hide', { opId: op(), answerId: id, hidden: true })).toMatchObject({ ok: false, code: 'not_found' });
      expect(await facilitator.send('spotlight:set', { opId: op(), groupId: id })).toMatchObject({ ok: false, code: 'not_found' });
    }
    expect(await commits()).toBe(before);
    expect(Object.getPrototypeOf(facilitator.state!.participants)).toBe(Object.prototype);
    close();
  });
});
