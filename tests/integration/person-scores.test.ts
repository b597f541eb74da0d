/**
 * "Scores per persoon" on a real server (issue 12): a session created with scoring 'person',
 * 8 phones in two groups of 4; the 4 members of one group each give their own score. The
 * shared screen gets the group's mean and how many scored, never anyone's own score; the
 * phones of that group hold their own; the Excel workbook (read back with exceljs) has a row
 * per person score with the role and the split by role, the Word file (its XML) the table
 * per role. Then a server restart on the same SQLite file: the scores are all still there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstStepOf } from '../../shared/domain/agenda.ts';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { SqliteStore } from '../../server/store/sqliteStore.ts';
import { createSession, op, Operator, Phone, send, startServer, until, type CreatedSession, type TestServer } from './harness.ts';

let dir: string;
let file: string;
let server: TestServer;
let store: SqliteStore;
let session: CreatedSession;
let facilitator: Operator;
let screen: Operator;
const phones: Phone[] = [];
/** Every event batch the screen was sent. */
const screenEvents: DomainEvent[] = [];
/** The 4 members of the first group and their own scores: now 2, 3, 4, 4 → 3.25; wanted 4, 5, 5, 3 → 4.25. */
let members: Phone[] = [];
const NOW = [2, 3, 4, 4];
const WANT = [4, 5, 5, 3];
let topicId: string;

async function open(): Promise<TestServer> {
  store = SqliteStore.open(file);
  return startServer({ store });
}

async function get(path: string): Promise<Buffer> {
  const res = await fetch(`${server.url}/api/sessions/${session.sessionId}/${path}`, { headers: { authorization: `Bearer ${session.facilitatorSecret}` } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'samenspraak-person-'));
  file = path.join(dir, 'data', 'samenspraak.sqlite');
  server = await open();
  session = await createSession(server.url, { templateId: 'stevige-lokale-teams', scoring: 'person' });
  facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
  screen = await new Operator(server.url, session.sessionId, session.screenSecret, 'screen').ready();
  screen.socket.on('operator:events', (events) => screenEvents.push(...events));
  for (let i = 0; i < 8; i++) {
    const phone = new Phone(server.url);
    phones.push(phone);
    await phone.join(session.code, `Deelnemer ${i}`, i % 2 ? 'opdrachtnemer' : 'opdrachtgever', `Org ${i}`);
  }
  expect(await facilitator.send('groups:form', { opId: op(), targetSize: 4 })).toMatchObject({ ok: true });
  const step = firstStepOf(facilitator.state!, 'topic');
  expect(await facilitator.send('step:set', { opId: op(), stepIndex: step })).toMatchObject({ ok: true });
  await until(() => phones.every((p) => p.group && p.state!.stepIndex === step), 'phones in groups at the first characteristic');
  topicId = facilitator.state!.content.topics[0]!.id;
  const first = phones[0]!.group!.id;
  members = phones.filter((p) => p.group!.id === first);
  expect(members).toHaveLength(4);
}, 30_000);

afterAll(async () => {
  for (const p of phones) p.close();
  facilitator?.close();
  screen?.close();
  await server?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scores per person on a real server', () => {
  it('the session was created scoring per person; the phones know it', () => {
    expect(facilitator.state!.settings.scoring).toBe('person');
    expect(phones[0]!.state!.settings.scoring).toBe('person');
  });

  it('four members each score; the screen shows the group’s mean and how many scored, never anyone’s own', async () => {
    for (const [i, p] of members.entries()) {
      expect(await send(p.socket, 'rating:set', { opId: op(), topicId, now: NOW[i]!, want: WANT[i]! })).toMatchObject({ ok: true });
    }
    const key = `${members[0]!.group!.id}/${topicId}`;
    await until(() => screen.state!.ratings[key]?.people === 4, 'the screen has the mean of 4');
    expect(screen.state!.ratings[key]).toMatchObject({ now: 3.25, want: 4.25, nowCount: 4, wantCount: 4, people: 4 });
    // The projector holds no one's own score: not in its snapshot, not in any event it was sent.
    expect(screen.state!.personRatings ?? {}).toEqual({});
    expect(screenEvents.some((e) => e.type === 'rating.set' && 'person' in e)).toBe(false);
    const fresh = await new Operator(server.url, session.sessionId, session.screenSecret, 'screen').ready();
    expect(fresh.state!.personRatings).toEqual({});
    expect(fresh.state!.ratings[key]).toMatchObject({ now: 3.25, people: 4 });
    fresh.close();
    // The facilitator's console has the mean too; the other group has no score.
    expect(facilitator.state!.ratings[key]).toMatchObject({ now: 3.25, want: 4.25 });
    // Each phone of the group holds its own score and the group's mean.
    await until(() => members.every((p) => p.state!.ratings[key]?.people === 4), 'the group’s phones have the mean');
    for (const [i, p] of members.entries()) {
      expect(p.state!.personRatings![key]![p.participantId!]).toMatchObject({ now: NOW[i], want: WANT[i] });
    }
  });

  it('a retry of the same score is acknowledged and changes nothing; bad input is refused and changes nothing', async () => {
    const key = `${members[0]!.group!.id}/${topicId}`;
    const opId = op();
    expect(await send(members[0]!.socket, 'rating:set', { opId, topicId, now: 5 })).toMatchObject({ ok: true });
    await until(() => facilitator.state!.ratings[key]?.now === (5 + 3 + 4 + 4) / 4, 'the new mean');
    // The same operation again, even with another value: already applied, nothing changes.
    expect(await send(members[0]!.socket, 'rating:set', { opId, topicId, now: 1 })).toMatchObject({ ok: true });
    for (const bad of [{ opId: op(), topicId, now: 6 }, { opId: op(), topicId, now: 2.5 }, { opId: op(), topicId }, { opId: op(), topicId, now: 3, participantId: 'x' }]) {
      expect(await send(members[0]!.socket, 'rating:set', bad as never)).toMatchObject({ ok: false, code: 'invalid' });
    }
    // Back to the first score, so the exports below read 3.25.
    expect(await send(members[0]!.socket, 'rating:set', { opId: op(), topicId, now: 2 })).toMatchObject({ ok: true });
    await until(() => facilitator.state!.ratings[key]?.now === 3.25, 'the mean back at 3.25');
  });

  it('once scored, the facilitator can no longer switch to group scores, and is told why', async () => {
    expect(await facilitator.send('settings:update', { opId: op(), settings: { scoring: 'group' } })).toMatchObject({ ok: false, code: 'conflict', key: 'error.scoringLocked' });
    expect(facilitator.state!.settings.scoring).toBe('person');
  });

  it('Excel: one row per person score with the role (no names), and the split by role', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await get('export.xlsx')) as never);
    const scores = wb.getWorksheet('Scores')!;
    const rows = scores.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]!.slice(1)).toEqual(['Groep', 'Kenmerk', 'Rol', 'Soort', 'Score']);
    const body = rows.slice(1).map((r) => r.slice(1));
    expect(body).toHaveLength(8);
    const group = members[0]!.group!.number;
    const roles = members.map((p) => facilitator.state!.participants[p.participantId!]!.role);
    const expected = members.flatMap((_, i) => [
      [group, expect.stringContaining('1. '), roles[i], 'nu', NOW[i]],
      [group, expect.stringContaining('1. '), roles[i], 'gewenst', WANT[i]],
    ]);
    expect(body).toEqual(expect.arrayContaining(expected));
    const byRole = wb.getWorksheet('Scores per rol')!;
    const roleRows = (byRole.getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
    expect(roleRows[0]).toEqual(['Kenmerk', 'Rol', 'Nu', 'Gewenst', 'Verschil', 'Mensen nu', 'Mensen gewenst']);
    const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;
    for (const role of ['opdrachtgever', 'opdrachtnemer'] as const) {
      const mine = roles.map((r, i) => (r === role ? i : -1)).filter((i) => i >= 0);
      const row = roleRows.find((r) => r[1] === role)!;
      expect(row.slice(2, 4)).toEqual([mean(mine.map((i) => NOW[i]!)), mean(mine.map((i) => WANT[i]!))]);
      expect(row.slice(5)).toEqual([mine.length, mine.length]);
    }
    // No one's name or organisation anywhere in the workbook.
    const everything = JSON.stringify(wb.worksheets.map((w) => w.getSheetValues()));
    expect(everything).not.toMatch(/Deelnemer \d|Org \d/);
  });

  it('Word: the characteristic’s scores per role, the group’s mean and the people counted', async () => {
    const files = unzipSync(new Uint8Array(await get('report.docx')));
    const text = strFromU8(files['word/document.xml']!)
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('Scores per rol');
    expect(text).toMatch(/Opdrachtgevers \d,\d \d,\d [+−-]?\d,\d 2/);
    expect(text).toMatch(/Opdrachtnemers \d,\d \d,\d [+−-]?\d,\d 2/);
    expect(text).toContain('nu 3,3 · gewenst 4,3 · verschil +1,0 (4 mensen in 1 groep)');
    expect(text).toContain('Gemiddelde score nu: 3,3 · gewenst: 4,3 (4 mensen)');
    expect(text).not.toMatch(/Deelnemer \d|Org \d/);
  });

  it('after a server restart on the same data every person’s score and the means are still there', async () => {
    const key = `${members[0]!.group!.id}/${topicId}`;
    const before = structuredClone(facilitator.state!);
    const tokens = members.map((p) => ({ token: p.token!, id: p.participantId! }));
    for (const p of phones) p.close();
    facilitator.close();
    screen.close();
    await server.close();
    await store.close();

    server = await open();
    facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
    expect(facilitator.state).toEqual(before);
    expect(facilitator.state!.ratings[key]).toMatchObject({ now: 3.25, want: 4.25, people: 4 });
    phones.length = 0;
    for (const [i, { token, id }] of tokens.entries()) {
      const phone = new Phone(server.url, { participantToken: token });
      phones.push(phone);
      await until(() => phone.state !== null, 'phone snapshot after restart');
      expect(phone.state!.personRatings![key]![id]).toMatchObject({ now: NOW[i], want: WANT[i] });
    }
    // And scoring goes on: a member changes their mind, the mean follows.
    expect(await send(phones[1]!.socket, 'rating:set', { opId: op(), topicId, now: 5 })).toMatchObject({ ok: true });
    await until(() => facilitator.state!.ratings[key]?.now === (2 + 5 + 4 + 4) / 4, 'the mean after the restart');
  });
});
