/**
 * Every refusal says which stage refused it (rate, event, auth, schema, rules), so a test
 * can tell a message that reached the rules from one stopped at the door: the error code
 * alone cannot ('forbidden' comes from the sender check and from the rules alike).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '../../server/realtime/rateLimit.ts';
import type { Ack } from '../../shared/protocol/ack.ts';
import { connect, connected, createSession, op, Operator, Phone, send, startServer, type TestServer } from './harness.ts';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

const raw = (phone: Phone, event: string, payload: unknown): Promise<Ack<unknown>> =>
  send(phone.socket, event as 'answer:add', payload as never);

describe('refusal stages', () => {
  it('names the stage of each refusal, also where two stages give the same code', async () => {
    server = await startServer();
    const session = await createSession(server.url);
    const facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
    const [ann, bob] = [new Phone(server.url), new Phone(server.url)];
    expect(await ann.join(session.code, 'Ann', 'anders', '')).toMatchObject({ ok: true });
    expect(await bob.join(session.code, 'Bob', 'anders', '')).toMatchObject({ ok: true });
    expect(await facilitator.send('groups:form', { opId: op(), targetSize: 2 })).toMatchObject({ ok: true });
    const answerId = 'antwoord-van-ann-1';
    expect(await raw(ann, 'answer:add', { answerId, topicId: 'k1', questionId: 'q1', text: 'van Ann' })).toMatchObject({ ok: true });

    // 'forbidden' from the sender check (a participant sending a facilitator command) ...
    expect(await raw(bob, 'session:end', { opId: op() })).toMatchObject({ ok: false, code: 'forbidden', stage: 'auth' });
    // ... and 'forbidden' from the rules (someone else's answer).
    expect(await raw(bob, 'answer:edit', { answerId, text: 'van Bob', rev: 1 })).toMatchObject({ ok: false, code: 'forbidden', stage: 'rules' });
    // 'invalid' for an unknown event, for a bad payload, and from the rules (a step that does not exist).
    expect(await raw(bob, 'admin:drop', {})).toMatchObject({ ok: false, code: 'invalid', stage: 'event' });
    expect(await raw(bob, 'answer:add', { answerId: 42 })).toMatchObject({ ok: false, code: 'invalid', stage: 'schema' });
    expect(await facilitator.send('step:set', { opId: op(), stepIndex: 99 })).toMatchObject({ ok: false, code: 'invalid', stage: 'rules' });
    // A guest and a signed-in phone trying to join: both stopped by who they are.
    const guest = connect(server.url);
    await connected(guest);
    expect(await send(guest, 'answer:add', { answerId: 'x12345678', topicId: 'k1', questionId: 'q1', text: 'x' })).toMatchObject({
      code: 'unauthorized',
      stage: 'auth',
    });
    guest.disconnect();
    expect(await raw(bob, 'session:join', { code: session.code, name: 'Bob 2', role: 'anders', organisation: '' })).toMatchObject({
      code: 'forbidden',
      stage: 'auth',
    });
    // The sender's state decides, after the schema: a removed participant is refused by the rules.
    expect(await facilitator.send('participant:remove', { opId: op(), participantId: bob.participantId! })).toMatchObject({ ok: true });
    expect(await raw(bob, 'answer:add', { answerId: 'van-bob-na-verwijderen', topicId: 'k1', questionId: 'q1', text: 'x' })).toMatchObject({
      code: 'unauthorized',
      stage: 'rules',
    });

    // Over the rate limit: 'rate', before anything else is looked at.
    const burst = await Promise.all(Array.from({ length: RATE_LIMITS.participant.capacity + 20 }, () => raw(ann, 'admin:drop', {})));
    expect(burst.filter((a) => !a.ok && a.stage === 'rate' && a.code === 'rate_limited').length).toBeGreaterThan(0);
    for (const p of [ann, bob]) p.close();
    facilitator.close();
  });

  it('does not apply a command it answered with rate_limited', async () => {
    server = await startServer();
    const session = await createSession(server.url);
    const facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
    const ann = new Phone(server.url);
    expect(await ann.join(session.code, 'Ann', 'anders', '')).toMatchObject({ ok: true });
    expect(await facilitator.send('groups:form', { opId: op() })).toMatchObject({ ok: true });
    const ids = Array.from({ length: RATE_LIMITS.participant.capacity + 20 }, (_, i) => `burst-answer-${String(i).padStart(3, '0')}`);
    // Spread over the three questions: one person's answers per question have a quota (LIMITS.answersPerQuestion) of their own.
    const acks = await Promise.all(ids.map((answerId, i) => raw(ann, 'answer:add', { answerId, topicId: 'k1', questionId: `q${(i % 3) + 1}`, text: answerId })));
    const stored = ids.filter((_, i) => acks[i]!.ok);
    const limited = acks.filter((a) => !a.ok && a.stage === 'rate');
    expect(limited.length).toBeGreaterThan(0);
    expect(stored.length + limited.length).toBe(ids.length);
    // The facilitator sees exactly the acknowledged answers: none of the refused ones slipped in.
    await facilitator.send('timer:reset', { opId: op() });
    expect(Object.keys(facilitator.state!.answers).sort()).toEqual(stored);
    ann.close();
    facilitator.close();
  });
});
