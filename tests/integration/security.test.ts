/**
 * Hostile rooms, part 1: throttled code guessing, foreign origins, flooding sockets,
 * security headers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import { pino } from 'pino';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { RATE_LIMITS } from '../../server/realtime/rateLimit.ts';
import { MAX_PACKETS_PER_POST } from '../../server/realtime/pollingGuard.ts';
import { connect, connected, createSession, op, Operator, Phone, requestWithHost, send, settled, startServer, until, type TestServer } from './harness.ts';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

describe('security', () => {
  it('throttles join-code guessing per address, over HTTP and sockets alike', async () => {
    server = await startServer();
    const session = await createSession(server.url);
    const guesses = RATE_LIMITS.joinFailures.maxFailures;
    for (let i = 0; i < guesses; i++) {
      expect((await fetch(`${server.url}/api/join/${String(i).padStart(6, '0')}`)).status).toBe(404);
    }
    // Now a wrong code from this address is refused, with a clear message ...
    const blocked = await fetch(`${server.url}/api/join/ZZZZZZ`);
    expect(blocked.status).toBe(429);
    expect(((await blocked.json()) as { error: string }).error).toMatch(/probeer het later opnieuw/i);
    const guesser = new Phone(server.url);
    expect(await guesser.join('ZZZZZZ', 'Bot', 'anders', '')).toMatchObject({ ok: false, code: 'rate_limited' });
    guesser.close();
    // ... but the right one still works: behind a venue's NAT the whole room shares this address.
    expect((await fetch(`${server.url}/api/join/${session.code}`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/join/${session.code}/qr.svg`)).status).toBe(200);
    const phone = new Phone(server.url);
    const ack = await phone.join(session.code, 'Eva', 'anders', '');
    phone.close();
    expect(ack).toMatchObject({ ok: true });
  });

  it('makes QR codes only for joinable sessions, and holds a blocked address to a slow rate of lookups', async () => {
    server = await startServer();
    const session = await createSession(server.url);
    const qr = await fetch(`${server.url}/api/join/${session.code}/qr.svg`);
    expect(qr.status).toBe(200);
    expect(qr.headers.get('cache-control')).toBe('private, no-cache');
    // Any code used to get a QR image (a free oracle, and CPU for each): now only existing codes.
    expect((await fetch(`${server.url}/api/join/ABCDEF/qr.svg`)).status).toBe(404);
    const facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
    expect(await facilitator.send('settings:update', { opId: op(), settings: { locked: true } })).toMatchObject({ ok: true });
    expect((await fetch(`${server.url}/api/join/${session.code}/qr.svg`)).status).toBe(404);
    // Right codes are not counted: a room may look its code up as often as it likes.
    for (let i = 0; i < 100; i++) expect((await fetch(`${server.url}/api/join/${session.code}`)).status).toBe(200);
    // Past the wrong-code limit, all lookups of the address (right ones too) go at a slow rate:
    // "429 for wrong, 200 for right" is no longer a fast oracle.
    for (let i = 0; i < RATE_LIMITS.joinFailures.maxFailures; i++) await fetch(`${server.url}/api/join/${String(i).padStart(6, '0')}`);
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMITS.codeLookupsWhileBlocked.capacity + 20; i++) statuses.push((await fetch(`${server.url}/api/join/${session.code}`)).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.at(-1)).toBe(429);
    facilitator.close();
  });

  it('refuses a socket from a page on another site, for WebSocket and polling', async () => {
    server = await startServer();
    for (const transports of [['websocket'], ['polling']] as const) {
      const foreign = ioClient(server.url, {
        transports: [...transports],
        reconnection: false,
        forceNew: true,
        extraHeaders: { origin: 'https://evil.example' },
      });
      const err = await new Promise<Error>((resolve) => foreign.once('connect_error', resolve));
      foreign.disconnect();
      expect(err).toBeInstanceOf(Error);
    }
    const own = ioClient(server.url, {
      transports: ['polling'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { origin: server.url },
    });
    await connected(own as never);
    own.disconnect();
  });

  it('answers a flood with rate_limited acks, then disconnects the socket', async () => {
    server = await startServer();
    const session = await createSession(server.url);
    const phone = new Phone(server.url);
    expect(await phone.join(session.code, 'Flood', 'anders', '')).toMatchObject({ ok: true });
    const burst = async (n: number) =>
      Promise.all(
        Array.from({ length: n }, () =>
          send(phone.socket, 'rating:set', { opId: op(), topicId: 'k1', now: 3 }).then(
            (a) => (a.ok ? 'ok' : a.code),
            () => 'no answer',
          ),
        ),
      );
    // Within the burst allowance every event is handled (refused here: no group yet), past it refused.
    const first = await burst(RATE_LIMITS.participant.capacity + 5);
    expect(first.filter((c) => c === 'conflict').length).toBeGreaterThanOrEqual(RATE_LIMITS.participant.capacity - 1);
    expect(first.filter((c) => c === 'rate_limited').length).toBeGreaterThan(0);
    expect(phone.socket.connected).toBe(true);
    // Keeping on flooding gets the socket disconnected.
    const disconnected = new Promise<void>((resolve) => phone.socket.once('disconnect', () => resolve()));
    await burst(200);
    await disconnected;
    expect(phone.socket.connected).toBe(false);
  });

  it('a long-polling POST of thousands of packets is refused before decoding: the connection closed, one log line, the event loop under 100 ms', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    server = await startServer({ logger });
    const base = `${server.url}/socket.io/?EIO=4&transport=polling`;
    const open = await (await fetch(base)).text();
    const sid = (JSON.parse(open.slice(1)) as { sid: string }).sid;
    const polling = `${base}&sid=${sid}`;
    expect(await (await fetch(polling, { method: 'POST', body: '40' })).text()).toBe('ok');
    expect(await (await fetch(polling)).text()).toMatch(/^40/); // connected to the namespace as a guest
    // ~64 KB: 8,000 tiny event packets in one request (Engine.IO separates packets with \x1e).
    const payload = Array.from({ length: 8000 }, () => '42["x"]').join('\x1e');
    expect(payload.length).toBeLessThan(64 * 1024);
    // The server runs in this process: this measures its event loop.
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    await fetch(polling, { method: 'POST', body: payload });
    // The server is at once free for others.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    delay.disable();
    expect(delay.max / 1e6).toBeLessThan(100);
    // A line per refused packet once stalled the server for 1.9 s: now one line.
    expect(lines.filter((l) => l.includes('refused.packets'))).toHaveLength(1);
    expect(lines.length).toBeLessThan(5);
    // The connection is gone: its next poll is refused.
    expect((await fetch(polling)).status).toBe(400);
  });

  it('a POST of as many packets as an allowance can take is decoded as usual (rate-limited, then cut off once)', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    server = await startServer({ logger });
    const base = `${server.url}/socket.io/?EIO=4&transport=polling`;
    const sid = (JSON.parse((await (await fetch(base)).text()).slice(1)) as { sid: string }).sid;
    const polling = `${base}&sid=${sid}`;
    await fetch(polling, { method: 'POST', body: '40' });
    await fetch(polling);
    await fetch(polling, { method: 'POST', body: Array.from({ length: MAX_PACKETS_PER_POST }, () => '42["x"]').join('\x1e') });
    await until(() => lines.some((l) => l.includes('rate_limit.disconnect')), 'the flooding guest is cut off');
    expect(lines.filter((l) => l.includes('refused.packets'))).toHaveLength(0);
    // Refused as unknown events (within the burst), then as over the rate: a few lines each.
    for (const reason of ['refused.event', 'refused.rate']) expect(lines.filter((l) => l.includes(reason)).length).toBeLessThanOrEqual(3);
  });

  it('many flooding sockets: refusals are logged a few lines a second per reason, with a count of the rest', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    server = await startServer({ logger });
    const guests = Array.from({ length: 20 }, () => connect(server.url));
    await Promise.all(guests.map((g) => connected(g)));
    // 20 sockets × 8 unknown events (within each guest's burst, so none is cut off): 160 refusals.
    await Promise.all(guests.flatMap((g) => Array.from({ length: 8 }, () => send(g, 'nonsense' as never, {} as never))));
    const logged = lines.filter((l) => l.includes('refused.event'));
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.length).toBeLessThanOrEqual(3 * 2); // at most two seconds went by
    for (const g of guests) g.disconnect();
    await server.close();
    // Closing writes the count of the lines left out.
    const suppressed = lines.map((l) => JSON.parse(l) as { action?: string; suppressed?: number }).filter((l) => l.action === 'refused.event');
    expect(suppressed.reduce((n, l) => n + (l.suppressed ?? 0), 0) + logged.length).toBe(20 * 8);
  });

  it("one person's sockets share one allowance, and past four sockets on one device token the oldest is closed", async () => {
    server = await startServer();
    const session = await createSession(server.url);
    const phone = new Phone(server.url);
    expect(await phone.join(session.code, 'Veel tabs', 'anders', '')).toMatchObject({ ok: true });
    const first = phone.socket;
    const closed = new Promise<void>((resolve) => first.once('disconnect', () => resolve()));
    const more = Array.from({ length: RATE_LIMITS.socketsPerParticipant }, () =>
      ioClient(server.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { participantToken: phone.token } }),
    );
    for (const s of more) await connected(s as never);
    await closed;
    expect(first.connected).toBe(false);
    expect(more.every((s) => s.connected)).toBe(true);
    // Together the sockets get one person's burst, not four.
    const results = await Promise.all(
      more.flatMap((s) =>
        Array.from({ length: RATE_LIMITS.participant.capacity }, () =>
          send(s as never, 'rating:set', { opId: op(), topicId: 'k1', now: 3 }).then(
            (a) => (a.ok ? 'ok' : a.code),
            () => 'no answer',
          ),
        ),
      ),
    );
    const handled = results.filter((c) => c !== 'rate_limited').length;
    expect(handled).toBeLessThan(RATE_LIMITS.participant.capacity * 2);
    expect(results.filter((c) => c === 'rate_limited').length).toBeGreaterThan(RATE_LIMITS.participant.capacity);
    for (const s of more) s.disconnect();
    phone.close();
  });

  it('a join flood against a valid code is stopped by the cap, and then by the lock', async () => {
    server = await startServer();
    const session = await createSession(server.url);
    const facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
    expect(await facilitator.send('settings:update', { opId: op(), settings: { maxParticipants: 20 } })).toMatchObject({ ok: true });
    const bots = Array.from({ length: 40 }, () => new Phone(server.url));
    const acks = await Promise.all(bots.map((b, i) => b.join(session.code, `bot ${i}`, 'anders', '')));
    expect(acks.filter((a) => a.ok)).toHaveLength(20);
    expect(acks.filter((a) => !a.ok && a.code === 'full')).toHaveLength(20);
    expect(await facilitator.send('settings:update', { opId: op(), settings: { locked: true, maxParticipants: null } })).toMatchObject({ ok: true });
    const late = new Phone(server.url);
    expect(await late.join(session.code, 'nog een bot', 'anders', '')).toMatchObject({ ok: false, code: 'locked' });
    for (const b of [...bots, late]) b.close();
    facilitator.close();
    expect(Object.keys(facilitator.state!.participants)).toHaveLength(20);
  });

  it('the screen and the phones hold no device hashes, the screen no organisations, blocked devices or hidden answers', async () => {
    server = await startServer();
    const session = await createSession(server.url);
    const facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
    const screen = await new Operator(server.url, session.sessionId, session.screenSecret, 'screen').ready();
    const a = new Phone(server.url);
    const b = new Phone(server.url);
    expect(await a.join(session.code, 'Anna', 'opdrachtgever', 'Gemeente Ede', 'device-aaaaaaaaaaaaaaaa')).toMatchObject({ ok: true });
    expect(await b.join(session.code, 'Bram', 'opdrachtnemer', 'Wijkteam Ede', 'device-bbbbbbbbbbbbbbbb')).toMatchObject({ ok: true });
    expect(await facilitator.send('groups:form', { opId: op(), targetSize: 5 })).toMatchObject({ ok: true });
    await until(() => a.group !== null, 'Anna has a group');
    // What goes over the wire to a member's phone and to the screen when someone joins late.
    const toPhone: DomainEvent[] = [];
    const toScreen: DomainEvent[] = [];
    a.socket.on('participant:events', (events) => toPhone.push(...events));
    screen.socket.on('operator:events', (events) => toScreen.push(...events));
    const c = new Phone(server.url);
    expect(await c.join(session.code, 'Cas', 'anders', 'Buurtteam', 'device-cccccccccccccccc')).toMatchObject({ ok: true });
    await settled(facilitator, [a, screen]);
    const joinedFor = (list: DomainEvent[]) => list.find((e) => e.type === 'participant.joined');
    expect(joinedFor(toPhone)).toMatchObject({ participant: { name: 'Cas', organisation: 'Buurtteam', deviceHash: null } });
    expect(joinedFor(toScreen)).toMatchObject({ participant: { name: 'Cas', organisation: '', deviceHash: null } });
    expect(facilitator.state!.participants[c.participantId!]!.deviceHash).toEqual(expect.any(String));

    // A hidden answer and a blocked device.
    const topicId = facilitator.state!.content.topics[0]!.id;
    const answerId = 'hidden-answer-1';
    expect(await send(a.socket, 'answer:add', { answerId, topicId, questionId: facilitator.state!.content.questions[0]!.id, text: 'Niet voor de zaal' })).toMatchObject({ ok: true });
    expect(await facilitator.send('answer:hide', { opId: op(), answerId, hidden: true })).toMatchObject({ ok: true });
    expect(await facilitator.send('participant:remove', { opId: op(), participantId: b.participantId!, block: true })).toMatchObject({ ok: true });
    expect(facilitator.state!.blockedDevices).toHaveLength(1);

    // A screen that opens now gets a snapshot without any of it.
    const fresh = await new Operator(server.url, session.sessionId, session.screenSecret, 'screen').ready();
    const state = fresh.state!;
    expect(Object.values(state.participants).map((p) => [p.organisation, p.deviceHash])).toEqual(Object.values(state.participants).map(() => ['', null]));
    expect(state.blockedDevices).toEqual([]);
    expect(state.answers[answerId]).toMatchObject({ hidden: true, text: '' });
    for (const x of [a, b, c]) x.close();
    for (const o of [facilitator, screen, fresh]) o.close();
  });

  it('the cap counts active participants: a removed one frees a place, once', async () => {
    server = await startServer();
    const session = await createSession(server.url);
    const facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
    expect(await facilitator.send('settings:update', { opId: op(), settings: { maxParticipants: 3 } })).toMatchObject({ ok: true });
    const phones = Array.from({ length: 5 }, () => new Phone(server.url));
    for (let i = 0; i < 3; i++) expect(await phones[i]!.join(session.code, `p${i}`, 'anders', '')).toMatchObject({ ok: true });
    expect(await phones[3]!.join(session.code, 'p3', 'anders', '')).toMatchObject({ ok: false, code: 'full' });
    expect(await facilitator.send('participant:remove', { opId: op(), participantId: phones[0]!.participantId! })).toMatchObject({ ok: true });
    expect(await facilitator.send('participant:remove', { opId: op(), participantId: phones[0]!.participantId! })).toMatchObject({ ok: true });
    expect(await phones[3]!.join(session.code, 'p3', 'anders', '')).toMatchObject({ ok: true });
    expect(await phones[4]!.join(session.code, 'p4', 'anders', '')).toMatchObject({ ok: false, code: 'full' });
    for (const p of phones) p.close();
    facilitator.close();
  });

  it('a removed and blocked participant cannot come back on the same device', async () => {
    server = await startServer();
    const session = await createSession(server.url);
    const facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
    const troll = new Phone(server.url);
    const first = await send(troll.socket, 'session:join', { code: session.code, name: 'Trol', role: 'anders', organisation: '' });
    expect(first).toMatchObject({ ok: true });
    // The device credential the server issued, which the phone keeps.
    const deviceId = (first as { data: { device: string } }).data.device;
    const id = (first as { data: { participantId: string; token: string } }).data.participantId;
    const token = (first as { data: { token: string } }).data.token;
    expect(await facilitator.send('participant:remove', { opId: op(), participantId: id, block: true })).toMatchObject({ ok: true });
    await until(() => troll.removed, 'told they were removed');
    // Their old token no longer works, and a fresh join from the same device is refused.
    const again = connect(server.url, { participantToken: token });
    await expect(new Promise((_, reject) => again.once('connect_error', reject))).rejects.toThrow('auth:removed');
    again.disconnect();
    const fresh = new Phone(server.url);
    await connected(fresh.socket);
    expect(await send(fresh.socket, 'session:join', { code: session.code, name: 'Trol 2', role: 'anders', organisation: '', deviceId })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    // Someone else on another device still gets in.
    expect(await send(fresh.socket, 'session:join', { code: session.code, name: 'Eerlijk', role: 'anders', organisation: '' })).toMatchObject({ ok: true });
    for (const p of [troll, fresh]) p.close();
    facilitator.close();
  });

  it('unknown events get an error ack', async () => {
    server = await startServer();
    const socket = connect(server.url);
    await connected(socket);
    const ack = await (socket.timeout(2000) as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> }).emitWithAck('admin:drop-tables', {});
    socket.disconnect();
    expect(ack).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('sends security headers with a strict Content-Security-Policy on every response', async () => {
    server = await startServer();
    for (const path of ['/healthz', '/api/templates', '/', '/api/nope']) {
      const res = await fetch(server.url + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
    // Socket.IO's long-polling answers bypass Express: they carry their own.
    const polling = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
    expect(polling.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(polling.headers.get('x-content-type-options')).toBe('nosniff');
    // A malformed escape in a path is the client's mistake: 400, no stack trace.
    expect((await fetch(`${server.url}/api/join/%E0%A4%A`)).status).toBe(400);
  });

  it('sends Cross-Origin-Opener-Policy where browsers apply it (this machine), not to a plain-http LAN address', async () => {
    server = await startServer({ allowedHosts: ['192.168.1.20'] });
    const local = await fetch(`${server.url}/`);
    expect(local.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    // A phone in the venue asks for http://192.168.1.20:3000/: Chrome would ignore the header and log an error.
    const lan = (await requestWithHost(`${server.url}/`, '192.168.1.20:3000')).headers;
    expect(lan['cross-origin-opener-policy']).toBeUndefined();
    expect(lan['content-security-policy']).toBeDefined();
  });

  it('answers only to its own names: loopback, LAN addresses, PUBLIC_URL and ALLOWED_HOSTS (DNS rebinding)', async () => {
    server = await startServer({ allowedHosts: ['samenspraak.gemeente.local'], networkInterfaces: () => ({ eth0: [{ address: '10.1.2.3', family: 'IPv4', internal: false, netmask: '255.0.0.0', mac: '00:00:00:00:00:00', cidr: '10.1.2.3/8' }] }) });
    const url = new URL(server.url);
    const statusFor = async (host: string, path = '/api/templates') => (await requestWithHost(server.url + path, host)).status;
    expect(await statusFor(`localhost:${url.port}`)).toBe(200);
    expect(await statusFor(`10.1.2.3:${url.port}`)).toBe(200);
    expect(await statusFor('samenspraak.gemeente.local')).toBe(200);
    expect(await statusFor('evil.example')).toBe(421);
    expect(await statusFor(`rebind.evil.example:${url.port}`)).toBe(421);
    // The socket handshake too (Engine.IO answers a refused handshake with 403).
    expect(await statusFor(`localhost:${url.port}`, '/socket.io/?EIO=4&transport=polling')).toBe(200);
    expect(await statusFor('evil.example', '/socket.io/?EIO=4&transport=polling')).toBe(403);
  });
});
