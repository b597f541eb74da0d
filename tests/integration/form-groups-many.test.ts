/**
 * Forming groups in a big room: every phone gets a fresh snapshot with its group, sent a
 * slice at a time (server/realtime/publish.ts) so the room's other traffic keeps flowing;
 * and a session-wide step reaches every phone, also when it goes out in several turns.
 * With more phones than one slice, the last slice's phones must still end up with their own
 * group, its members, and what a group mate wrote the moment the groups were formed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { nanoid } from 'nanoid';
import { createSession, op, Operator, Phone, send, settled, startServer, until, type TestServer } from './harness.ts';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

/**
 * More than two slices of snapshots (100 per turn of the event loop), and more phones than
 * one turn of a session-wide update writes (500): the step goes out in two turns.
 */
const PHONES = 600;

describe('a room bigger than one slice', () => {
  it('every phone gets its own group, and an answer written at once reaches the last slice too', async () => {
    server = await startServer();
    const session = await createSession(server.url);
    const facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
    const phones = Array.from({ length: PHONES }, () => new Phone(server.url));
    for (let i = 0; i < PHONES; i += 25) {
      await Promise.all(phones.slice(i, i + 25).map((p, j) => p.join(session.code, `Deelnemer ${i + j}`, (i + j) % 2 ? 'opdrachtnemer' : 'opdrachtgever', 'Gemeente')));
    }

    const formed = facilitator.send('groups:form', { opId: op() });
    // The moment the ack arrives, every phone of one group writes: its group mates may get the
    // answer before their own snapshot (a later slice) or after it.
    expect(await formed).toMatchObject({ ok: true });
    await settled(facilitator, []);
    const groups = facilitator.state!.groups;
    expect(groups.length).toBeGreaterThan(40);
    const last = groups[groups.length - 1]!;
    const writers = phones.filter((p) => last.memberIds.includes(p.participantId!));
    const texts = writers.map((p) => `direct na het indelen ${p.participantId}`);
    await Promise.all(writers.map((p, i) => send(p.socket, 'answer:add', { answerId: nanoid(), topicId: 'k1', questionId: 'q1', text: texts[i]! })));

    await until(() => phones.every((p) => p.group !== undefined), 'every phone shows a group', 10_000);
    for (const p of phones) {
      const mine = groups.find((g) => g.memberIds.includes(p.participantId!))!;
      expect(p.group!.id).toBe(mine.id);
      expect([...p.group!.memberIds].sort()).toEqual([...mine.memberIds].sort());
      // The phone knows its group mates' names (from the snapshot), and nobody else's.
      expect(Object.keys(p.state!.participants).sort()).toEqual([...mine.memberIds].sort());
    }
    for (const p of writers) {
      await until(() => texts.every((t) => Object.values(p.state!.answers).some((a) => a.text === t)), `${p.participantId} sees every answer of its group`);
    }

    // A step for everyone: every phone gets it, whichever turn its slice went out in.
    const next = facilitator.state!.stepIndex + 1;
    expect(await facilitator.send('step:set', { opId: op(), stepIndex: next })).toMatchObject({ ok: true });
    await until(() => phones.every((p) => p.state!.stepIndex === next), 'every phone is on the next step', 10_000);
    for (const p of phones) p.close();
    facilitator.close();
  }, 60_000);
});
