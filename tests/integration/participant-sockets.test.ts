/**
 * One person, two tabs: messages for that person reach every socket they have open, and
 * nothing meant for a group reaches a socket outside it (server/realtime/participantSockets.ts
 * routes messages to a person; there is no Socket.IO room per participant).
 */
import { nanoid } from 'nanoid';
import { afterEach, describe, expect, it } from 'vitest';
import { firstStepOf } from '../../shared/domain/agenda.ts';
import { connect, connected, createSession, op, Operator, Phone, send, settled, startServer, until, type TestServer } from './harness.ts';

let server: TestServer | null = null;
const open: { close(): void }[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  await server?.close();
  server = null;
});

async function twoGroupsAndASecondTab() {
  server = await startServer();
  const session = await createSession(server.url);
  const facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
  const phones = [0, 1, 2, 3].map(() => new Phone(server!.url));
  open.push(facilitator, ...phones);
  for (const [i, p] of phones.entries()) await p.join(session.code, `P${i}`, i % 2 ? 'opdrachtnemer' : 'opdrachtgever', `Org ${i}`);
  expect(await facilitator.send('groups:form', { opId: op(), targetSize: 2 })).toMatchObject({ ok: true });
  expect(await facilitator.send('step:set', { opId: op(), stepIndex: firstStepOf(facilitator.state!, 'topic') })).toMatchObject({ ok: true });
  await until(() => phones.every((p) => p.group !== undefined && p.state?.agenda[p.state.stepIndex]?.kind === 'topic'), 'everyone in a group, at the topic');
  const me = phones[0]!;
  // The same person opens the page again in a second tab: the stored token, a second socket.
  const tab = new Phone(server.url, { participantToken: me.token! });
  open.push(tab);
  await until(() => tab.group?.id === me.group!.id, 'the second tab has the same group');
  const others = phones.filter((p) => p.group!.id !== me.group!.id);
  const mate = phones.find((p) => p !== me && p.group!.id === me.group!.id)!;
  return { facilitator, me, tab, mate, others };
}

const answer = (text: string) => ({ answerId: nanoid(), topicId: 'k1', questionId: 'q1', text });

describe("a participant's sockets", () => {
  it('a move reaches both tabs: the new group, its work, and nothing more from the old group', async () => {
    const { facilitator, me, tab, mate, others } = await twoGroupsAndASecondTab();
    const before = answer('van de nieuwe groep, vóór de verhuizing');
    expect(await send(others[0]!.socket, 'answer:add', before)).toMatchObject({ ok: true });
    const newGroup = others[0]!.group!.id;

    expect(await facilitator.send('participant:move', { opId: op(), participantId: me.participantId!, groupId: newGroup })).toMatchObject({ ok: true });
    for (const phone of [me, tab]) {
      await until(() => phone.group?.id === newGroup, 'each tab shows the new group');
      // The new group's earlier work comes with the move's snapshot.
      expect(phone.state!.answers[before.answerId]?.text).toBe(before.text);
    }

    const inNew = answer('nieuw, na de verhuizing');
    const inOld = answer('in de oude groep, na de verhuizing');
    expect(await send(others[1]!.socket, 'answer:add', inNew)).toMatchObject({ ok: true });
    expect(await send(mate.socket, 'answer:add', inOld)).toMatchObject({ ok: true });
    await settled(facilitator, [me, tab, mate]);
    for (const phone of [me, tab]) {
      expect(phone.state!.answers[inNew.answerId]?.text).toBe(inNew.text);
      expect(phone.state!.answers[inOld.answerId]).toBeUndefined();
    }
    expect(mate.state!.answers[inOld.answerId]?.text).toBe(inOld.text);
  });

  it('removing the person tells both tabs, and nothing reaches them afterwards', async () => {
    const { facilitator, me, tab, mate } = await twoGroupsAndASecondTab();
    expect(await facilitator.send('participant:remove', { opId: op(), participantId: me.participantId! })).toMatchObject({ ok: true });
    await until(() => me.removed && tab.removed, 'both tabs hear they were removed');

    const stepIndex = me.state!.stepIndex;
    const later = answer('na het verwijderen');
    expect(await send(mate.socket, 'answer:add', later)).toMatchObject({ ok: true });
    expect(await facilitator.send('step:set', { opId: op(), stepIndex: stepIndex + 1 })).toMatchObject({ ok: true });
    await settled(facilitator, [mate]);
    expect(mate.state!.stepIndex).toBe(stepIndex + 1);
    for (const phone of [me, tab]) {
      expect(phone.state!.stepIndex).toBe(stepIndex);
      expect(phone.state!.answers[later.answerId]).toBeUndefined();
    }
  });

  it('a phone that goes while its join is being written is not shown as connected', async () => {
    server = await startServer();
    const session = await createSession(server.url);
    const facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
    open.push(facilitator);
    const socket = connect(server.url);
    await connected(socket);
    socket.emit('session:join', { code: session.code, name: 'Even weg', role: 'anders', organisation: '' }, () => undefined);
    socket.disconnect();
    const joined = () => Object.values(facilitator.state!.participants).find((p) => p.name === 'Even weg');
    await until(() => joined() !== undefined, 'the join is written all the same');
    await settled(facilitator, [facilitator]);
    expect(facilitator.presence[joined()!.id]).not.toBe('connected');
  });
});
