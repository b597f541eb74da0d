/**
 * Unsent text: phones report how many answers they hold typed but not added; the
 * facilitator sees, per group, how many members have any. Real server, real sockets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperatorSnapshot } from '../../shared/protocol/events.ts';
import { connect, connected, createSession, op, Operator, Phone, send, startServer, until, type CreatedSession, type TestServer } from './harness.ts';

describe('members with unsent text, per group', () => {
  let server: TestServer;
  let session: CreatedSession;
  let panel: Operator;
  const phones: Phone[] = [];
  /** groupId → members with unsent text, as the facilitator's panel keeps it. */
  const unsent: Record<string, number> = {};
  let changes = 0;

  beforeAll(async () => {
    server = await startServer();
    session = await createSession(server.url);
    for (const name of ['Anna', 'Bram', 'Cor', 'Dewi']) {
      const phone = new Phone(server.url);
      expect((await phone.join(session.code, name, 'opdrachtnemer', 'Gemeente')).ok).toBe(true);
      phones.push(phone);
    }
    panel = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
    panel.socket.on('unsent:changed', (list) => {
      for (const c of list) unsent[c.groupId] = c.members;
      changes++;
    });
    expect((await panel.send('groups:form', { opId: op() })).ok).toBe(true);
    await until(() => phones.every((p) => p.group !== undefined), 'everyone in a group');
  });

  afterAll(async () => {
    for (const p of phones) p.close();
    panel?.close();
    await server?.close();
  });

  const groupOf = (p: Phone): string => p.state!.participants[p.participantId!]!.groupId!;

  it('counts the members of a group that hold unsent answers, not the answers', async () => {
    const [anna, bram] = phones as [Phone, Phone];
    const g = groupOf(anna);
    expect(await send(anna.socket, 'drafts:report', { count: 3 })).toEqual({ ok: true, data: null });
    await until(() => unsent[g] === 1, 'the panel hears: 1 member with unsent text');
    expect(await send(bram.socket, 'drafts:report', { count: 1 })).toMatchObject({ ok: true });
    await until(() => unsent[groupOf(bram)] === (groupOf(bram) === g ? 2 : 1), 'a second member counted');
    // Anna adds everything: she is no longer counted.
    expect(await send(anna.socket, 'drafts:report', { count: 0 })).toMatchObject({ ok: true });
    await until(() => unsent[g] === (groupOf(bram) === g ? 1 : 0), 'Anna no longer counted');
  });

  it('refuses a malformed report, a guest and a facilitator, and changes nothing', async () => {
    const cor = phones[2]!;
    for (const bad of [{ count: -1 }, { count: 1.5 }, { count: 'veel' }, { count: 1, extra: true }, { count: 100_000 }, null]) {
      expect(await send(cor.socket, 'drafts:report', bad as never)).toMatchObject({ ok: false, code: 'invalid' });
    }
    const guest = connect(server.url);
    await connected(guest);
    expect(await send(guest, 'drafts:report', { count: 1 })).toMatchObject({ ok: false, code: 'unauthorized' });
    guest.disconnect();
    expect(await panel.send('drafts:report', { count: 1 })).toMatchObject({ ok: false, code: 'forbidden' });
    // What the panel knows now comes from the valid reports only: a fresh panel's snapshot says the same.
    const fresh = new Operator(server.url, session.sessionId, session.facilitatorSecret);
    let snapshot: OperatorSnapshot | null = null;
    fresh.socket.on('operator:snapshot', (s) => (snapshot = s));
    await fresh.ready();
    const expected = Object.fromEntries(Object.entries(unsent).filter(([, n]) => n > 0));
    expect(snapshot!.unsent).toEqual(expected);
    expect(snapshot!.unsent![groupOf(cor)] ?? 0).toBe(expected[groupOf(cor)] ?? 0);
    fresh.close();
  });

  it('a removed member is no longer counted', async () => {
    const dewi = phones[3]!;
    const g = groupOf(dewi);
    const before = unsent[g] ?? 0;
    expect(await send(dewi.socket, 'drafts:report', { count: 2 })).toMatchObject({ ok: true });
    await until(() => unsent[g] === before + 1, 'Dewi counted');
    const seen = changes;
    expect((await panel.send('participant:remove', { opId: op(), participantId: dewi.participantId! })).ok).toBe(true);
    await until(() => changes > seen, 'a change after the removal');
    expect(unsent[g]).toBe(before);
  });
});
