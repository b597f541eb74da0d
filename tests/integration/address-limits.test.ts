/**
 * Limits per client address (server/limits): sockets open at once, joins per minute and
 * sessions created per hour. Behind a proxy (TRUST_PROXY) the address is the one in
 * X-Forwarded-For; loopback itself (the benchmark, the laptop) is never limited.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import { TOO_MANY_SOCKETS } from '../../server/limits/addressLimits.ts';
import { connected, createSession, send, startServer, type ClientSocket, type TestServer } from './harness.ts';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

/** A guest socket that says (through "our proxy") it comes from `address`. */
function from(address: string | null): ClientSocket {
  // Long polling: Node's own WebSocket (which socket.io-client uses) sends no extra headers.
  return ioClient(server.url, {
    transports: ['polling'],
    forceNew: true,
    reconnection: false,
    ...(address ? { extraHeaders: { 'x-forwarded-for': address } } : {}),
  }) as ClientSocket;
}

function refusal(socket: ClientSocket): Promise<string> {
  return new Promise((resolve) => socket.once('connect_error', (err) => resolve(err.message)));
}

const join = (socket: ClientSocket, code: string, i: number) => send(socket, 'session:join', { code, name: `P${i}`, role: 'anders', organisation: '' });

describe('limits per address', () => {
  it('sockets: past the maximum an address is refused (and may retry once one closes); other addresses and loopback are not', async () => {
    server = await startServer({ trustProxy: true, addressLimits: { socketsPerAddress: 3 } });
    const room = [from('203.0.113.7'), from('203.0.113.7'), from('203.0.113.7')];
    await Promise.all(room.map((s) => connected(s)));
    const fourth = from('203.0.113.7');
    expect(await refusal(fourth)).toBe(TOO_MANY_SOCKETS);
    const elsewhere = from('198.51.100.2');
    const local = [from(null), from(null), from(null), from(null)];
    await Promise.all([elsewhere, ...local].map((s) => connected(s)));
    // One of the room's sockets closes: there is room again.
    room[0]!.disconnect();
    await new Promise((r) => setTimeout(r, 50));
    const again = from('203.0.113.7');
    await connected(again);
    for (const s of [...room, fourth, elsewhere, ...local, again]) s.disconnect();
  });

  it('joins: a burst per address, then "te veel aanmeldingen vanaf dit netwerk"; another address still joins', async () => {
    server = await startServer({ trustProxy: true, addressLimits: { joinsPerAddressPerMinute: 5 } });
    const session = await createSession(server.url);
    const sockets: ClientSocket[] = [];
    for (let i = 0; i < 5; i++) {
      const s = from('203.0.113.7');
      sockets.push(s);
      expect(await join(s, session.code, i)).toMatchObject({ ok: true });
    }
    const sixth = from('203.0.113.7');
    const refused = await join(sixth, session.code, 6);
    expect(refused).toMatchObject({ ok: false, code: 'rate_limited', key: 'error.tooManyJoins' });
    expect(refused.ok === false && refused.error).toMatch(/Te veel aanmeldingen vanaf dit netwerk.*over een minuut opnieuw/);
    const other = from('198.51.100.2');
    expect(await join(other, session.code, 7)).toMatchObject({ ok: true });
    for (const s of [...sockets, sixth, other]) s.disconnect();
  });

  it('loopback is never limited: the benchmark joins 2,000 from 127.0.0.1', async () => {
    server = await startServer({ addressLimits: { joinsPerAddressPerMinute: 2, socketsPerAddress: 2 } });
    const session = await createSession(server.url);
    const sockets = Array.from({ length: 4 }, () => from(null));
    for (const [i, s] of sockets.entries()) expect(await join(s, session.code, i)).toMatchObject({ ok: true });
    for (const s of sockets) s.disconnect();
  });

  it('sessions created per address per hour: past the burst 429 with a message', async () => {
    server = await startServer({ trustProxy: true, addressLimits: { sessionsPerAddressPerHour: 2 } });
    const create = (address: string) =>
      fetch(`${server.url}/api/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address, authorization: `Bearer ${server.facilitator.token}` },
        body: JSON.stringify({ templateId: 'stevige-lokale-teams' }),
      });
    expect((await create('203.0.113.7')).status).toBe(201);
    expect((await create('203.0.113.7')).status).toBe(201);
    const third = await create('203.0.113.7');
    expect(third.status).toBe(429);
    expect(((await third.json()) as { error: string }).error).toMatch(/te veel sessies/i);
    expect((await create('198.51.100.2')).status).toBe(201);
    // Nothing was made for the refused request.
    expect((await server.store.listSessions()).length).toBe(3);
  });
});
