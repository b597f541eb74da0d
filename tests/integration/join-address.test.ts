/**
 * Joining in a venue: a facilitator who opens the app on the laptop via localhost gets a
 * join link and QR code with the laptop's LAN address (which phones can reach), and may
 * choose another of its addresses; with PUBLIC_URL, only PUBLIC_URL, whatever the Host header.
 */
import QRCode from 'qrcode';
import { afterEach, describe, expect, it } from 'vitest';
import { ipv4 as nic } from '../support/nic.ts';
import { createSession, requestWithHost, startServer, type TestServer } from './harness.ts';

const interfaces = () => ({ lo: [nic('127.0.0.1', true)], wlan0: [nic('192.168.1.20')], eth1: [nic('10.8.0.2')] });

const get = requestWithHost;
/** Creating a session needs an account: the test server's own. */
const signedIn = () => ({ authorization: `Bearer ${server!.facilitator.token}` });

const qrFor = (url: string) => QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('the join address for a facilitator on localhost', () => {
  it('is the LAN address with the server port, in the join link, the QR code and the console', async () => {
    server = await startServer({ networkInterfaces: interfaces });
    const port = new URL(server.url).port;
    const lan = `http://192.168.1.20:${port}`;
    // The test talks to 127.0.0.1: exactly a facilitator browsing via loopback.
    const session = await createSession(server.url);
    expect(session.joinUrl).toBe(`${lan}/j/${session.code}`);

    const qr = await fetch(`${server.url}/api/join/${session.code}/qr.svg`);
    expect(await qr.text()).toBe(await qrFor(`${lan}/j/${session.code}`));

    // "localhost" as the browser sends it.
    const viaLocalhost = await get(`${server.url}/api/join-addresses`, `localhost:${port}`);
    expect(JSON.parse(viaLocalhost.text)).toEqual({
      base: lan,
      reason: 'lan',
      candidates: [
        { url: lan, kind: 'lan' },
        { url: `http://10.8.0.2:${port}`, kind: 'lan' },
        { url: `http://localhost:${port}`, kind: 'thisComputer' },
      ],
    });

    // Another address chosen on the console: the QR code follows; a foreign one is ignored.
    const other = `http://10.8.0.2:${port}`;
    const chosen = await fetch(`${server.url}/api/join/${session.code}/qr.svg?base=${encodeURIComponent(other)}`);
    expect(await chosen.text()).toBe(await qrFor(`${other}/j/${session.code}`));
    const foreign = await fetch(`${server.url}/api/join/${session.code}/qr.svg?base=${encodeURIComponent('https://evil.example.com')}`);
    expect(await foreign.text()).toBe(await qrFor(`${lan}/j/${session.code}`));
  });

  it('keeps the address a facilitator used when phones can reach it too', async () => {
    server = await startServer({ networkInterfaces: interfaces });
    const port = new URL(server.url).port;
    const res = await get(`${server.url}/api/sessions`, `10.8.0.2:${port}`, 'POST', JSON.stringify({ templateId: 'stevige-lokale-teams' }), signedIn());
    expect(res.status).toBe(201);
    expect(JSON.parse(res.text).joinUrl).toMatch(new RegExp(`^http://10\\.8\\.0\\.2:${port}/j/`));
  });

  it('is PUBLIC_URL when set, never the Host header', async () => {
    server = await startServer({ networkInterfaces: interfaces, publicUrl: 'https://samenspraak.example.nl' });
    const port = new URL(server.url).port;
    // Reached by its LAN address (a name a browser may use): the links are still PUBLIC_URL's.
    const lanHost = `10.8.0.2:${port}`;
    const res = await get(`${server.url}/api/sessions`, lanHost, 'POST', JSON.stringify({ templateId: 'stevige-lokale-teams' }), signedIn());
    const { code, joinUrl } = JSON.parse(res.text) as { code: string; joinUrl: string };
    expect(joinUrl).toBe(`https://samenspraak.example.nl/j/${code}`);
    const qr = await get(`${server.url}/api/join/${code}/qr.svg?base=${encodeURIComponent('http://evil.example.com')}`, lanHost);
    expect(qr.text).toBe(await qrFor(`https://samenspraak.example.nl/j/${code}`));
    // A name the server does not answer to (DNS rebinding) gets nothing at all.
    expect((await get(`${server.url}/api/join-addresses`, 'evil.example.com')).status).toBe(421);
    const addresses = await get(`${server.url}/api/join-addresses`, 'samenspraak.example.nl');
    expect(JSON.parse(addresses.text)).toEqual({
      base: 'https://samenspraak.example.nl',
      reason: 'public',
      candidates: [{ url: 'https://samenspraak.example.nl', kind: 'public' }],
    });
  });
});
