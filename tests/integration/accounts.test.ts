/**
 * Accounts over HTTP with a real server: who may create sessions, cookies and API tokens,
 * the Origin check, the login throttle, the first account, who sees which sessions, the
 * owner's links and their rotation, and the action log.
 */
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { silentLogger } from '../../server/logger.ts';
import { MemoryStore } from '../../server/store/memoryStore.ts';
import { MemoryAccountStore } from '../../server/accounts/memoryAccountStore.ts';
import { seedAccount, testAccounts } from '../support/accounts.ts';
import { Operator, connect, createSession, download, op, startServer, until, type TestServer } from './harness.ts';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

const PASSWORD = 'lang genoeg wachtwoord 1';
/** Tests that check passwords: each hash or check is memory-hard on purpose (seconds on a busy 2-core machine). */
const HASHING = { timeout: 90_000 };
const TEMPLATE = JSON.stringify({ templateId: 'stevige-lokale-teams' });

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(server.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Signs in and returns the Cookie header to send. */
async function signIn(email: string, password = PASSWORD, headers: Record<string, string> = {}): Promise<string> {
  const res = await post('/api/auth/login', { email, password }, headers);
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Strict/i);
  return cookie.split(';')[0]!;
}

describe('sessions per account per day', () => {
  it('an account past its daily number of sessions gets 429 with the reason; another account still creates', HASHING, async () => {
    const accounts = { ...testAccounts(), sessionsPerDay: 2 };
    server = await startServer({ accounts });
    const anna = await seedAccount(accounts.store, { email: 'anna@gemeente.example', password: PASSWORD });
    const bram = await seedAccount(accounts.store, { email: 'bram@gemeente.example', password: PASSWORD });
    const as = (token: string) => post('/api/sessions', TEMPLATE, { authorization: `Bearer ${token}` });
    expect((await as(anna.token)).status).toBe(201);
    expect((await as(anna.token)).status).toBe(201);
    const third = await as(anna.token);
    expect(third.status).toBe(429);
    expect((await third.json()).error).toBe('Je hebt vandaag al zoveel sessies gemaakt als kan. Probeer het morgen opnieuw, of vraag de beheerder.');
    expect((await as(bram.token)).status).toBe(201);
  });
});

describe('who may create a session', () => {
  it('needs an account: 401 without, 201 with a cookie or an API token; a revoked token and a signed-out cookie stop', HASHING, async () => {
    const accounts = testAccounts();
    server = await startServer({ accounts });
    const anna = await seedAccount(accounts.store, { email: 'anna@gemeente.example', password: PASSWORD });

    const anonymous = await post('/api/sessions', TEMPLATE);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error).toBe('Log eerst in.');

    const byToken = await post('/api/sessions', TEMPLATE, { authorization: `Bearer ${anna.token}` });
    expect(byToken.status).toBe(201);

    const cookie = await signIn('Anna@Gemeente.example ');
    const byCookie = await post('/api/sessions', TEMPLATE, { cookie });
    expect(byCookie.status).toBe(201);
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
    expect((await me.json()).account).toMatchObject({ email: 'anna@gemeente.example', role: 'begeleider', hasPassword: true });

    // Both sessions are Anna's.
    const list = await (await fetch(`${server.url}/api/sessions`, { headers: { cookie } })).json();
    expect(list.sessions.map((s: { sessionId: string }) => s.sessionId).sort()).toEqual(
      [(await byToken.json()).sessionId, (await byCookie.json()).sessionId].sort(),
    );

    // A token made in the UI works until it is revoked.
    const made = await post('/api/tokens', { name: 'rapport-script' }, { cookie });
    expect(made.status).toBe(201);
    const { id, token } = (await made.json()) as { id: string; token: string };
    expect(token).toMatch(/^ssp_/);
    expect((await post('/api/sessions', TEMPLATE, { authorization: `Bearer ${token}` })).status).toBe(201);
    const revoked = await fetch(`${server.url}/api/tokens/${id}`, { method: 'DELETE', headers: { cookie, origin: server.url } });
    expect(revoked.status).toBe(204);
    expect((await post('/api/sessions', TEMPLATE, { authorization: `Bearer ${token}` })).status).toBe(401);

    const out = await post('/api/auth/logout', '', { cookie });
    expect(out.status).toBe(204);
    expect((await post('/api/sessions', TEMPLATE, { cookie })).status).toBe(401);
    expect(await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).json()).toEqual({ account: null });
  });

  it('refuses a cookie-signed change from another origin, or without one, and changes nothing', HASHING, async () => {
    const accounts = testAccounts();
    server = await startServer({ accounts });
    const anna = await seedAccount(accounts.store, { email: 'anna@gemeente.example', password: PASSWORD });
    const cookie = await signIn('anna@gemeente.example');
    const foreign = await post('/api/sessions', TEMPLATE, { cookie, origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const noOrigin = await fetch(`${server.url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: TEMPLATE });
    expect(noOrigin.status).toBe(403);
    expect(await accounts.store.listOwnedSessions({ accountId: anna.account.id })).toEqual([]);
    // A sign-in form posted from another site is refused too (login CSRF).
    expect((await post('/api/auth/login', { email: 'anna@gemeente.example', password: PASSWORD }, { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('answers bad bodies with a clear 400 and changes nothing', HASHING, async () => {
    const accounts = testAccounts();
    server = await startServer({ accounts });
    await seedAccount(accounts.store, { role: 'beheerder', email: 'beheer@gemeente.example', password: PASSWORD });
    const cookie = await signIn('beheer@gemeente.example');
    const before = (await accounts.store.listAccounts('Gemeente Voorbeeld')).length;
    for (const body of [
      { email: 'geen-adres', name: 'Bert', role: 'begeleider' },
      { email: 'bert@gemeente.example', name: 'Bert', role: 'koning' },
      { email: 'bert@gemeente.example', name: 'Bert', role: 'begeleider', password: 'kort' },
      { email: 'bert@gemeente.example', name: '', role: 'begeleider' },
      { email: 'bert@gemeente.example', name: 'Bert', role: 'begeleider', extra: 1 },
    ]) {
      const res = await post('/api/accounts', body, { cookie });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error).toMatch(/^Dit klopt niet helemaal: /);
    }
    expect((await accounts.store.listAccounts('Gemeente Voorbeeld')).length).toBe(before);
    expect((await post('/api/auth/login', { email: 'beheer@gemeente.example' })).status).toBe(400);
    const notJson = await post('/api/auth/login', '{not json');
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error).toBe('Dit klopt niet helemaal: de gegevens zijn geen geldige JSON');
  });
});

describe('the login throttle', () => {
  it('slows down wrong passwords per address and account, while the owner still signs in from elsewhere', HASHING, async () => {
    const accounts = testAccounts();
    server = await startServer({ accounts, trustProxy: true });
    await seedAccount(accounts.store, { email: 'anna@gemeente.example', password: PASSWORD });
    const attacker = { 'x-forwarded-for': '203.0.113.9' };
    for (let i = 0; i < 5; i++) {
      expect((await post('/api/auth/login', { email: 'anna@gemeente.example', password: `fout wachtwoord ${i}` }, attacker)).status).toBe(401);
    }
    const slowed = await post('/api/auth/login', { email: 'anna@gemeente.example', password: 'nog een keer fout' }, attacker);
    expect(slowed.status).toBe(429);
    expect((await slowed.json()).error).toMatch(/Te vaak een verkeerd wachtwoord/);
    // Even the right password waits on the attacker's address...
    expect((await post('/api/auth/login', { email: 'anna@gemeente.example', password: PASSWORD }, attacker)).status).toBe(429);
    // ...but Anna, on her own address, is not locked out.
    await signIn('anna@gemeente.example', PASSWORD, { 'x-forwarded-for': '198.51.100.7' });
  });
});

describe('the first account', () => {
  it('is made with the set-up code printed at start, once', HASHING, async () => {
    const store = new MemoryAccountStore();
    // Not startServer: it seeds a test account, and the set-up code is for a server without any.
    const app = createApp({ store: new MemoryStore(), logger: silentLogger(), accounts: testAccounts(store, 'ABCD-EFGH-JKLM') });
    await new Promise<void>((resolve) => app.http.listen(0, '127.0.0.1', resolve));
    server = { url: `http://127.0.0.1:${(app.http.address() as AddressInfo).port}`, close: () => app.close() } as TestServer;
    expect(await (await fetch(`${server.url}/api/auth/status`)).json()).toEqual({ setupNeeded: true, oidc: false });
    const body = { code: 'WRONG-CODE-0000', email: 'Beheer@Gemeente.example', name: 'Bea', organisation: 'Gemeente Voorbeeld', password: PASSWORD };
    const wrong = await post('/api/auth/setup', body);
    expect(wrong.status).toBe(403);
    expect(await store.countAccounts()).toBe(0);
    const short = await post('/api/auth/setup', { ...body, code: 'abcd efgh jklm', password: 'te kort' });
    expect(short.status).toBe(400);
    const made = await post('/api/auth/setup', { ...body, code: 'abcd efgh jklm' });
    expect(made.status).toBe(201);
    expect((await made.json()).account).toMatchObject({ email: 'beheer@gemeente.example', role: 'beheerder', organisation: 'Gemeente Voorbeeld' });
    const cookie = made.headers.get('set-cookie')!.split(';')[0]!;
    expect((await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).json()).account.email).toBe('beheer@gemeente.example');
    expect((await post('/api/auth/setup', { ...body, code: 'ABCD-EFGH-JKLM', email: 'twee@gemeente.example' })).status).toBe(409);
    expect(await store.countAccounts()).toBe(1);
  });
});

describe('who sees which sessions', () => {
  it('a begeleider their own, an organisator and a beheerder all of their organisation, nobody another organisation’s', async () => {
    const accounts = testAccounts();
    server = await startServer({ accounts });
    const store = accounts.store;
    const anna = await seedAccount(store, { organisation: 'Gemeente A' });
    const bert = await seedAccount(store, { organisation: 'Gemeente A' });
    const olga = await seedAccount(store, { organisation: 'Gemeente A', role: 'organisator' });
    const bea = await seedAccount(store, { organisation: 'Gemeente A', role: 'beheerder' });
    const zoe = await seedAccount(store, { organisation: 'Gemeente Z', role: 'organisator' });
    const a1 = await createSession(server.url, undefined, anna.token);
    const b1 = await createSession(server.url, undefined, bert.token);
    const z1 = await createSession(server.url, undefined, zoe.token);
    const seen = async (token: string) =>
      ((await (await fetch(`${server.url}/api/sessions`, { headers: { authorization: `Bearer ${token}` } })).json()).sessions as { sessionId: string }[])
        .map((s) => s.sessionId)
        .sort();
    expect(await seen(anna.token)).toEqual([a1.sessionId]);
    expect(await seen(bert.token)).toEqual([b1.sessionId]);
    expect(await seen(olga.token)).toEqual([a1.sessionId, b1.sessionId].sort());
    expect(await seen(bea.token)).toEqual([a1.sessionId, b1.sessionId].sort());
    expect(await seen(zoe.token)).toEqual([z1.sessionId]);
    expect((await fetch(`${server.url}/api/sessions`)).status).toBe(401);

    // Downloads follow the same table: the organisator of A may, Bert (another begeleider) and Zoe may not.
    const csv = (token: string) => fetch(`${server.url}/api/sessions/${a1.sessionId}/export.csv`, { headers: { authorization: `Bearer ${token}` } });
    expect((await csv(olga.token)).status).toBe(200);
    expect((await csv(bert.token)).status).toBe(403);
    expect((await csv(zoe.token)).status).toBe(403);
    // Only the beheerder of the organisation manages accounts.
    expect((await fetch(`${server.url}/api/accounts`, { headers: { authorization: `Bearer ${olga.token}` } })).status).toBe(403);
    expect((await fetch(`${server.url}/api/accounts`, { headers: { authorization: `Bearer ${bea.token}` } })).status).toBe(200);
  });
});

describe('the owner’s links', () => {
  it('are handed to the owner on any device; rotating them stops the old links at once, for sockets and downloads', async () => {
    server = await startServer();
    const owner = server.facilitator;
    const auth = { authorization: `Bearer ${owner.token}` };
    const session = await createSession(server.url);
    const links = await (await fetch(`${server.url}/api/sessions/${session.sessionId}/links`, { headers: auth })).json();
    expect(links.facilitatorSecret).toBe(session.facilitatorSecret);
    expect(links.screenSecret).toBe(session.screenSecret);
    expect(links.facilitatorPath).toBe(`/begeleider/${session.sessionId}#${session.facilitatorSecret}`);

    const console1 = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
    const screen1 = await new Operator(server.url, session.sessionId, session.screenSecret, 'screen').ready();
    const rotated = await fetch(`${server.url}/api/sessions/${session.sessionId}/links/rotate`, { method: 'POST', headers: auth });
    expect(rotated.status).toBe(200);
    const fresh = await rotated.json();
    expect(fresh.facilitatorSecret).not.toBe(session.facilitatorSecret);
    await until(() => !console1.socket.connected && !screen1.socket.connected, 'the open console and screen are disconnected');

    // The old links open nothing, download nothing.
    const old = connect(server.url, { sessionId: session.sessionId, secret: session.facilitatorSecret, as: 'facilitator' });
    const refusal = await new Promise<string>((resolve) => old.once('connect_error', (e) => resolve(e.message)));
    expect(refusal).toMatch(/secret/i);
    old.close();
    const oldScreen = connect(server.url, { sessionId: session.sessionId, secret: session.screenSecret, as: 'screen' });
    await new Promise<void>((resolve) => oldScreen.once('connect_error', () => resolve()));
    oldScreen.close();
    expect((await download(server.url, `/api/sessions/${session.sessionId}/export.csv`, session.facilitatorSecret)).status).toBe(401);

    // The new ones do, and the owner gets them again.
    expect((await download(server.url, `/api/sessions/${session.sessionId}/export.csv`, fresh.facilitatorSecret)).status).toBe(200);
    const console2 = await new Operator(server.url, session.sessionId, fresh.facilitatorSecret).ready();
    expect(console2.screenSecret).toBe(fresh.screenSecret);
    await new Operator(server.url, session.sessionId, fresh.screenSecret, 'screen').ready().then((s) => s.close());
    console2.close();
    const again = await (await fetch(`${server.url}/api/sessions/${session.sessionId}/links`, { headers: auth })).json();
    expect(again.facilitatorSecret).toBe(fresh.facilitatorSecret);

    // After the session leaves memory and loads again, the rotation still holds.
    server.app.hub.evict(session.sessionId);
    expect((await download(server.url, `/api/sessions/${session.sessionId}/export.csv`, session.facilitatorSecret)).status).toBe(401);
    expect((await download(server.url, `/api/sessions/${session.sessionId}/export.csv`, fresh.facilitatorSecret)).status).toBe(200);
  });

  it('only the owner (or the beheerder) gets or rotates them', async () => {
    const accounts = testAccounts();
    server = await startServer({ accounts });
    const other = await seedAccount(accounts.store, { organisation: 'Gemeente Voorbeeld' });
    const organiser = await seedAccount(accounts.store, { organisation: 'Gemeente Voorbeeld', role: 'organisator' });
    const session = await createSession(server.url);
    for (const token of [other.token, organiser.token]) {
      const res = await fetch(`${server.url}/api/sessions/${session.sessionId}/links`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(403);
    }
    const byLink = await fetch(`${server.url}/api/sessions/${session.sessionId}/links/rotate`, { method: 'POST', headers: { authorization: `Bearer ${session.facilitatorSecret}` } });
    expect(byLink.status).toBe(403);
  });
});

describe('the action log', () => {
  it('records who did what: the account for HTTP and signed-in consoles, "the facilitator link" otherwise', HASHING, async () => {
    const accounts = testAccounts();
    server = await startServer({ accounts });
    const anna = await seedAccount(accounts.store, { email: 'anna@gemeente.example', name: 'Anna', password: PASSWORD });
    const cookie = await signIn('anna@gemeente.example');
    const session = await createSession(server.url, undefined, anna.token);
    await download(server.url, `/api/sessions/${session.sessionId}/report.md`, session.facilitatorSecret);
    await fetch(`${server.url}/api/sessions/${session.sessionId}/export.csv`, { headers: { cookie } });

    // A console opened by link only, and one in Anna's signed-in browser (the handshake carries her cookie).
    const byLink = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
    expect((await byLink.send('timer:start', { opId: op(), seconds: 300 })).ok).toBe(true);
    const { io } = await import('socket.io-client');
    const signedIn = io(server.url, {
      auth: { sessionId: session.sessionId, secret: session.facilitatorSecret, as: 'facilitator' },
      transports: ['websocket'],
      extraHeaders: { cookie },
      forceNew: true,
      reconnection: false,
    });
    await new Promise<void>((resolve) => signedIn.once('operator:snapshot', () => resolve()));
    const ack = await signedIn.timeout(5000).emitWithAck('timer:pause', { opId: op() });
    expect(ack.ok).toBe(true);
    signedIn.close();
    byLink.close();

    const log = await (await fetch(`${server.url}/api/sessions/${session.sessionId}/log`, { headers: { cookie } })).json();
    const lines = (log.entries as { action: string; actor: string; name: string | null }[]).map((e) => `${e.action} by ${e.name ?? e.actor}`).reverse();
    expect(lines).toEqual([
      'session.create by Anna',
      'export.md by link:facilitator',
      'export.csv by Anna',
      'timer:start by link:facilitator',
      'timer:pause by Anna',
    ]);
    // Participants cannot read it; the facilitator link can.
    expect((await fetch(`${server.url}/api/sessions/${session.sessionId}/log`)).status).toBe(401);
    expect((await download(server.url, `/api/sessions/${session.sessionId}/log`, session.facilitatorSecret)).status).toBe(200);
  });
});
