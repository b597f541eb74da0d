/**
 * "Wil je de werkpakketten ontvangen?" over real sockets: a participant leaves an address with
 * explicit consent, sees it again after a reload, and withdraws it; facilitators (not the
 * screen) see the count live and download the addresses; the addresses are in no other
 * download and in no commit; bad input and the wrong sender change nothing; deleting the
 * session deletes them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../support/csv.ts';
import { createSession, download, Operator, Phone, send, startServer, until, type CreatedSession, type TestServer } from './harness.ts';

let server: TestServer;
let session: CreatedSession;
let facilitator: Operator;
let screen: Operator;
let anna: Phone;
let bram: Phone;
const counts: number[] = [];
const screenCounts: number[] = [];

beforeAll(async () => {
  server = await startServer();
  session = await createSession(server.url);
  facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
  screen = await new Operator(server.url, session.sessionId, session.screenSecret, 'screen').ready();
  facilitator.socket.on('workPackages:count', (n) => counts.push(n));
  screen.socket.on('workPackages:count', (n) => screenCounts.push(n));
  anna = new Phone(server.url);
  await anna.join(session.code, 'Anna de Vries', 'opdrachtgever', 'Gemeente Ergens');
  bram = new Phone(server.url);
  await bram.join(session.code, 'Bram Jansen', 'opdrachtnemer', 'Wijkteam');
});

afterAll(async () => {
  for (const c of [anna, bram, facilitator, screen]) c?.close();
  await server?.close();
});

const csvOf = async () => {
  const res = await download(server.url, `/api/sessions/${session.sessionId}/work-packages.csv`, session.facilitatorSecret);
  expect(res.status).toBe(200);
  return parseCsv(res.body.replace(/^\uFEFF/, ''), ';');
};

describe('work-package requests', () => {
  it('nobody asked yet: the phone hears "no address", the console counts 0', async () => {
    expect(await send(anna.socket, 'workPackages:get', {})).toEqual({ ok: true, data: { email: null } });
    expect(await facilitator.send('workPackages:count', {})).toEqual({ ok: true, data: 0 });
  });

  it('refuses without consent, with a malformed address, or from a facilitator; nothing is stored', async () => {
    expect(await send(anna.socket, 'workPackages:request', { email: 'anna@ergens.nl', consent: false } as never)).toMatchObject({ ok: false, stage: 'schema' });
    expect(await send(anna.socket, 'workPackages:request', { email: 'geen adres', consent: true })).toMatchObject({ ok: false, stage: 'schema' });
    expect(await send(anna.socket, 'workPackages:request', { email: 'anna@ergens.nl' } as never)).toMatchObject({ ok: false, stage: 'schema' });
    expect(await facilitator.send('workPackages:request', { email: 'x@ergens.nl', consent: true })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await send(anna.socket, 'workPackages:count', {})).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await server.store.listWorkPackageRequests(session.sessionId)).toEqual([]);
  });

  it('a participant asks with consent: acknowledged, shown again after a reload, counted live for facilitators only', async () => {
    expect(await send(anna.socket, 'workPackages:request', { email: '  anna@ergens.nl ', consent: true })).toEqual({ ok: true, data: { email: 'anna@ergens.nl' } });
    expect(await send(bram.socket, 'workPackages:request', { email: 'bram@wijkteam.nl', consent: true })).toMatchObject({ ok: true });
    await until(() => counts.at(-1) === 2, 'the console hears 2');
    await anna.reload();
    expect(await send(anna.socket, 'workPackages:get', {})).toEqual({ ok: true, data: { email: 'anna@ergens.nl' } });
    expect(await facilitator.send('workPackages:count', {})).toEqual({ ok: true, data: 2 });
    expect(screenCounts).toEqual([]);
  });

  it('the facilitator downloads the addresses; they are in no other download and in no commit', async () => {
    const [header, ...rows] = await csvOf();
    expect(header).toEqual(['e-mailadres', 'gevraagd_op', 'toestemming']);
    expect(rows.map((r) => r[0]).sort()).toEqual(['anna@ergens.nl', 'bram@wijkteam.nl']);
    expect(rows[0]![2]).toBe('werkpakketten-v1');
    for (const path of ['export.csv', 'report.md', 'report.html']) {
      const body = (await download(server.url, `/api/sessions/${session.sessionId}/${path}`, session.facilitatorSecret)).body;
      expect(body, path).not.toContain('@ergens.nl');
      expect(body, path).not.toContain('@wijkteam.nl');
    }
    expect(JSON.stringify(await server.store.loadCommits(session.sessionId))).not.toContain('@ergens.nl');
    expect(JSON.stringify(facilitator.state)).not.toContain('@ergens.nl');
    const screenLink = await download(server.url, `/api/sessions/${session.sessionId}/work-packages.csv`, session.screenSecret);
    expect(screenLink.status).toBe(401);
  });

  it('withdrawing deletes the address at once', async () => {
    expect(await send(bram.socket, 'workPackages:withdraw', {})).toEqual({ ok: true, data: { email: null } });
    await until(() => counts.at(-1) === 1, 'the console hears 1');
    expect((await csvOf()).slice(1).map((r) => r[0])).toEqual(['anna@ergens.nl']);
  });

  it('deleting the session deletes the addresses with it', async () => {
    const res = await fetch(`${server.url}/api/sessions/${session.sessionId}`, { method: 'DELETE', headers: { authorization: `Bearer ${session.facilitatorSecret}` } });
    expect(res.status).toBe(204);
    expect(await server.store.listWorkPackageRequests(session.sessionId)).toEqual([]);
  });
});
