/**
 * "Deelnemers toelaten" over real sockets: joiners wait (their phone knows it, the screen does
 * not see them, they cannot write) until the facilitator lets them in or refuses them; and
 * many joins from one address are flagged to the facilitators, never with the address.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import type { JoinBurstAlert } from '../../shared/protocol/events.ts';
import { createSession, op, Operator, Phone, send, settled, startServer, until, type ClientSocket, type TestServer } from './harness.ts';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

async function room() {
  server = await startServer();
  const session = await createSession(server.url);
  const facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
  const screen = await new Operator(server.url, session.sessionId, session.screenSecret, 'screen').ready();
  const early = [new Phone(server.url), new Phone(server.url), new Phone(server.url), new Phone(server.url)];
  for (const [i, p] of early.entries()) await p.join(session.code, `Vroeg ${i}`, i % 2 ? 'opdrachtnemer' : 'opdrachtgever', `Org ${i}`);
  expect(await facilitator.send('groups:form', { opId: op(), targetSize: 2 })).toMatchObject({ ok: true });
  expect(await facilitator.send('settings:update', { opId: op(), settings: { admitJoiners: true } })).toMatchObject({ ok: true });
  return { session, facilitator, screen, early };
}

describe('deelnemers toelaten', () => {
  it('a joiner waits: not on the screen, cannot write; let in, they get a group and can; refused, they are out for good on that phone', async () => {
    const { session, facilitator, screen, early } = await room();
    const anna = new Phone(server.url);
    const bot = new Phone(server.url);
    const annaJoin = await anna.join(session.code, 'Anna', 'opdrachtgever', 'Gemeente');
    const botJoin = await bot.join(session.code, 'Bot', 'anders', '');
    expect(annaJoin.ok && botJoin.ok).toBe(true);
    // The phone knows it waits; it sees no group.
    expect(anna.state!.participants[anna.participantId!]).toMatchObject({ waiting: true, groupId: null });
    expect(anna.state!.groups).toEqual([]);
    expect(await send(anna.socket, 'rating:set', { opId: op(), topicId: 'k1', now: 3 })).toMatchObject({ ok: false, key: 'error.waiting' });
    // The console sees both waiting; the screen sees neither.
    await settled(facilitator, [screen]);
    expect(facilitator.state!.participants[anna.participantId!]!.waiting).toBe(true);
    expect(Object.values(screen.state!.participants).map((p) => p.name)).not.toContain('Anna');
    expect(Object.values(screen.state!.participants).map((p) => p.name)).not.toContain('Bot');

    // Let Anna in: her phone gets her group, the screen shows her, she can write.
    expect(await facilitator.send('participant:admit', { opId: op(), participantIds: [anna.participantId!] })).toMatchObject({ ok: true });
    await until(() => anna.state?.participants[anna.participantId!]?.waiting === undefined && anna.group !== undefined, 'Anna is in a group');
    await until(() => Object.values(screen.state!.participants).some((p) => p.name === 'Anna'), 'the screen shows Anna');
    expect(await send(anna.socket, 'rating:set', { opId: op(), topicId: 'k1', now: 3 })).toMatchObject({ ok: true });
    const mate = early.find((p) => p.group?.id === anna.group!.id)!;
    await until(() => mate.state!.participants[anna.participantId!] !== undefined, 'her group sees her');

    // Refuse the bot: it is told, and its device credential cannot come back.
    expect(await facilitator.send('participant:remove', { opId: op(), participantId: bot.participantId!, block: true })).toMatchObject({ ok: true });
    await until(() => bot.removed, 'the bot is told');
    const again = new Phone(server.url);
    expect(await again.join(session.code, 'Bot', 'anders', '', botJoin.ok ? botJoin.data.device : undefined)).toMatchObject({ ok: false, key: 'error.blocked' });
    for (const p of [...early, anna, bot, again]) p.close();
    facilitator.close();
    screen.close();
  });

  it('"iedereen binnenlaten" lets everyone who waits in at once, spread over the groups', async () => {
    const { session, facilitator, early } = await room();
    const late = [new Phone(server.url), new Phone(server.url)];
    for (const [i, p] of late.entries()) await p.join(session.code, `Laat ${i}`, 'anders', '');
    expect(await facilitator.send('participant:admit', { opId: op(), participantIds: 'all' })).toMatchObject({ ok: true });
    await until(() => late.every((p) => p.group !== undefined), 'both are in a group');
    expect(new Set(late.map((p) => p.group!.id)).size).toBe(2);
    // Again: nothing waits, nothing changes.
    expect(await facilitator.send('participant:admit', { opId: op(), participantIds: 'all' })).toMatchObject({ ok: true });
    for (const p of [...early, ...late]) p.close();
    facilitator.close();
  });
});

describe('many joins from one address', () => {
  it('the facilitators are told how many and who, never the address; screens and phones are not told', async () => {
    server = await startServer({ trustProxy: true });
    const session = await createSession(server.url);
    const facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
    const screen = await new Operator(server.url, session.sessionId, session.screenSecret, 'screen').ready();
    const bursts: JoinBurstAlert[] = [];
    const raw: string[] = [];
    facilitator.socket.on('joins:burst', (b) => bursts.push(b));
    facilitator.socket.onAny((event, ...args) => raw.push(`${String(event)} ${JSON.stringify(args)}`));
    let screenTold = false;
    screen.socket.on('joins:burst', () => (screenTold = true));
    const bots: ClientSocket[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      // Long polling: Node's own WebSocket sends no extra headers.
      const s = ioClient(server.url, { transports: ['polling'], forceNew: true, reconnection: false, extraHeaders: { 'x-forwarded-for': '203.0.113.66' } }) as ClientSocket;
      bots.push(s);
      const ack = await send(s, 'session:join', { code: session.code, name: `Bot ${i}`, role: 'anders', organisation: '' });
      if (ack.ok) ids.push((ack.data as { participantId: string }).participantId);
    }
    await until(() => bursts.length > 0, 'the facilitator is told');
    expect(bursts[0]).toEqual({ count: 10, participantIds: ids.slice(0, 10) });
    expect(raw.join('\n')).not.toContain('203.0.113.66');
    expect(screenTold).toBe(false);
    for (const s of bots) s.disconnect();
    facilitator.close();
    screen.close();
  });
});
