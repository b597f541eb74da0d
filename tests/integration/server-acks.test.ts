/**
 * The component tests' fake socket answers from tests/component/serverAcks.ts. This test
 * holds that table to the real server: a phone sends each example and gets exactly the
 * answer the table gives (data for successes, code and key for refusals).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { nanoid } from 'nanoid';
import * as Y from 'yjs';
import { serverAck } from '../component/serverAcks.ts';
import { firstStepOf } from '../../shared/domain/agenda.ts';
import type { Ack } from '../../shared/protocol/ack.ts';
import { createSession, op, Operator, Phone, startServer, until, type TestServer } from './harness.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Bytes as plain arrays: a Buffer from the socket equals a Uint8Array from the table. */
const plain = (v: unknown): unknown =>
  v instanceof Uint8Array ? [...v] : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)])) : v;

/** What matters of an answer: ok + data, or the refusal's code and key. */
function essence(ack: Ack<unknown>) {
  return ack.ok ? { ok: true, data: plain(ack.data) } : { ok: false, code: ack.code, key: ack.key };
}

/** A Yjs update that types `text` into an empty takeaway. */
function typed(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('takeaway').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('the fake server of the component tests', () => {
  it('answers a phone what the real server answers', async () => {
    server = await startServer();
    const session = await createSession(server.url);
    const facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
    const phone = new Phone(server.url);
    const joined = await phone.join(session.code, 'Anna', 'opdrachtgever', 'Gemeente');
    // The join answer has the same shape (the ids differ per server, of course).
    expect(Object.keys(joined.ok ? joined.data : {}).sort()).toEqual(Object.keys((serverAck('session:join', {}) as { data: object }).data).sort());
    expect(await facilitator.send('groups:form', { opId: op() })).toMatchObject({ ok: true });
    await until(() => phone.group !== undefined, 'Anna is in a group');

    const answerId = nanoid();
    const examples: [string, unknown][] = [
      ['answer:add', { answerId, topicId: 'k1', questionId: 'q1', text: 'eerste' }],
      ['answer:edit', { answerId, text: 'tweede', rev: 2 }],
      ['rating:set', { opId: op(), topicId: 'k1', now: 3 }],
      ['takeaway:sync', { groupId: phone.group!.id, stateVector: Y.encodeStateVector(new Y.Doc()) }],
      ['takeaway:update', { opId: op(), groupId: phone.group!.id, update: typed('mee naar huis') }],
      ['drafts:report', { count: 1 }],
      ['answer:delete', { opId: op(), answerId }],
      ['step:set', { opId: op(), stepIndex: firstStepOf(phone.state!, 'topic') }],
      ['session:end', { opId: op() }],
      ['screen:page', { step: 1 }],
      ['no:such-event', {}],
    ];
    for (const [event, payload] of examples) {
      const real = (await (phone.socket.timeout(5000) as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack<unknown>> }).emitWithAck(event, payload));
      expect({ event, ...essence(real) }).toEqual({ event, ...essence(serverAck(event, payload)) });
    }
    phone.close();
    facilitator.close();
  });
});
