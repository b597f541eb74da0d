/**
 * Programmes over HTTP with a real server: who may make, read and change them (a begeleider
 * never; an organisator of another organisation never; 404 for what does not exist, 403 for
 * what is not yours, as for sessions), putting sessions in and taking them out, the figures
 * of the page, and the Word and Excel files opened with independent readers: the figures are
 * in them, a hidden small cell's numbers and everyone's names and organisations are not.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgrammeDetail, ProgrammeSummary } from '../../shared/accounts/wire.ts';
import type { ProgrammeInsight, TopicFigures } from '../../shared/report/programme.ts';
import { MemoryAccountStore } from '../../server/accounts/memoryAccountStore.ts';
import { seedAccount, testAccounts, type TestAccount } from '../support/accounts.ts';
import { seedScoredSession, type SeededSession } from '../support/programmes.ts';
import { startServer, type TestServer } from './harness.ts';

let server: TestServer;
const accountStore = new MemoryAccountStore();
let olga: TestAccount; // organisator, Gemeente Ede
let bea: TestAccount; // beheerder, Gemeente Ede
let bram: TestAccount; // begeleider, Gemeente Ede
let otto: TestAccount; // organisator, Gemeente Wageningen
const s: SeededSession[] = [];
let foreign: SeededSession;
const NAMES = ['Anneke Zwaluw', 'Bram Kievit', 'Chantal Merel', 'Dirk Specht', 'Eva Reiger'];

type Init = { method?: string; body?: unknown };
async function call(who: TestAccount | null, path: string, init: Init = {}): Promise<Response> {
  return fetch(server.url + path, {
    method: init.method ?? 'GET',
    headers: { ...(who ? { authorization: `Bearer ${who.token}` } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
}
const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

beforeAll(async () => {
  server = await startServer({ accounts: testAccounts(accountStore) });
  olga = await seedAccount(accountStore, { role: 'organisator', organisation: 'Gemeente Ede', name: 'Olga Organisator' });
  bea = await seedAccount(accountStore, { role: 'beheerder', organisation: 'Gemeente Ede' });
  bram = await seedAccount(accountStore, { role: 'begeleider', organisation: 'Gemeente Ede' });
  otto = await seedAccount(accountStore, { role: 'organisator', organisation: 'Gemeente Wageningen' });
  const g = (roles: string, scores: Record<number, [number, number]>) => ({
    roles: [...roles].map((c) => (c === 'g' ? 'opdrachtgever' : 'opdrachtnemer') as 'opdrachtgever' | 'opdrachtnemer'),
    scores,
  });
  // Characteristic 1 (index 0): 2 groups per session, 6 groups in all → shown.
  // Characteristic 2 (index 1): one group in one session only → hidden (its 5 and 1 must never show).
  s.push(await seedScoredSession(server.store, accountStore, { owner: bram.account, at: Date.parse('2026-02-10T10:00:00+01:00'), title: 'Ede februari', names: NAMES, groups: [g('ggnn', { 0: [2, 4], 1: [1, 5] }), g('gnnn', { 0: [3, 5] })] }));
  s.push(await seedScoredSession(server.store, accountStore, { owner: bram.account, at: Date.parse('2026-04-14T10:00:00+02:00'), title: 'Ede april', groups: [g('ggnn', { 0: [2, 4] }), g('gnnn', { 0: [2, 4] })] }));
  s.push(await seedScoredSession(server.store, accountStore, { owner: olga.account, at: Date.parse('2026-06-09T10:00:00+02:00'), title: 'Ede juni', groups: [g('nnnn', { 0: [4, 4] }), g('nnnn', { 0: [3, 3] })] }));
  foreign = await seedScoredSession(server.store, accountStore, { owner: otto.account, at: Date.parse('2026-03-01T10:00:00+01:00'), title: 'Wageningen', groups: [g('ggnn', { 0: [1, 1] })] });
}, 30_000);

afterAll(async () => {
  await server?.close();
});

describe('programmes: who may', () => {
  let programme: ProgrammeSummary;

  it('an organisator makes one in their organisation; a begeleider may not; without an account, 401', async () => {
    expect((await call(null, '/api/programmes', { method: 'POST', body: { name: 'X' } })).status).toBe(401);
    const refused = await call(bram, '/api/programmes', { method: 'POST', body: { name: 'Van Bram' } });
    expect(refused.status).toBe(403);
    expect((await json<{ error: string }>(refused)).error).toBe('Dat mag je niet met dit account.');
    expect((await call(bram, '/api/programmes')).status).toBe(403);
    expect((await call(olga, '/api/programmes', { method: 'POST', body: { name: '' } })).status).toBe(400);

    const made = await call(olga, '/api/programmes', { method: 'POST', body: { name: 'Stevige lokale teams 2026' } });
    expect(made.status).toBe(201);
    programme = (await json<{ programme: ProgrammeSummary }>(made)).programme;
    expect(programme).toMatchObject({ name: 'Stevige lokale teams 2026', sessionIds: [] });
    // The beheerder of the same organisation sees it; the other organisation's organisator does not.
    expect((await json<{ programmes: ProgrammeSummary[] }>(await call(bea, '/api/programmes'))).programmes.map((p) => p.id)).toEqual([programme.id]);
    expect((await json<{ programmes: ProgrammeSummary[] }>(await call(otto, '/api/programmes'))).programmes).toEqual([]);
  });

  it('404 for a programme that does not exist, 403 for one of another organisation or to a begeleider', async () => {
    expect((await call(olga, '/api/programmes/bestaatniet')).status).toBe(404);
    expect((await call(olga, '/api/programmes/bestaatniet/insight')).status).toBe(404);
    for (const path of ['', '/insight', '/report.docx', '/export.xlsx']) {
      expect((await call(otto, `/api/programmes/${programme.id}${path}`)).status, `otto ${path}`).toBe(403);
      expect((await call(bram, `/api/programmes/${programme.id}${path}`)).status, `bram ${path}`).toBe(403);
      expect((await call(null, `/api/programmes/${programme.id}${path}`)).status, `anonymous ${path}`).toBe(401);
    }
    expect((await call(otto, `/api/programmes/${programme.id}`, { method: 'PATCH', body: { name: 'Van mij' } })).status).toBe(403);
    expect((await call(otto, `/api/programmes/${programme.id}`, { method: 'DELETE' })).status).toBe(403);
    expect((await call(bram, `/api/programmes/${programme.id}/sessions/${s[0]!.sessionId}`, { method: 'PUT' })).status).toBe(403);
  });

  it('takes sessions of its own organisation only: 404 for an unknown session, 403 for another organisation’s', async () => {
    for (const x of s) expect((await call(olga, `/api/programmes/${programme.id}/sessions/${x.sessionId}`, { method: 'PUT' })).status).toBe(204);
    // Again: nothing changes.
    expect((await call(bea, `/api/programmes/${programme.id}/sessions/${s[0]!.sessionId}`, { method: 'PUT' })).status).toBe(204);
    expect((await call(olga, `/api/programmes/${programme.id}/sessions/bestaatniet`, { method: 'PUT' })).status).toBe(404);
    expect((await call(olga, `/api/programmes/${programme.id}/sessions/${foreign.sessionId}`, { method: 'PUT' })).status).toBe(403);
    // Otto cannot put his session in Olga's programme either.
    expect((await call(otto, `/api/programmes/${programme.id}/sessions/${foreign.sessionId}`, { method: 'PUT' })).status).toBe(403);
    const detail = await json<ProgrammeDetail>(await call(olga, `/api/programmes/${programme.id}`));
    expect(detail.sessions.map((x) => x.title)).toEqual(['Ede februari', 'Ede april', 'Ede juni']);
    expect(detail.programme.sessionIds).toEqual(s.map((x) => x.sessionId));
  });

  it('renames, takes a session out and deletes (the sessions stay)', async () => {
    const other = (await json<{ programme: ProgrammeSummary }>(await call(bea, '/api/programmes', { method: 'POST', body: { name: 'Proef' } }))).programme;
    expect((await call(bea, `/api/programmes/${other.id}/sessions/${s[0]!.sessionId}`, { method: 'PUT' })).status).toBe(204);
    const renamed = await call(olga, `/api/programmes/${other.id}`, { method: 'PATCH', body: { name: 'Proef 2' } });
    expect((await json<{ programme: ProgrammeSummary }>(renamed)).programme.name).toBe('Proef 2');
    expect((await call(olga, `/api/programmes/${other.id}/sessions/${s[0]!.sessionId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(olga, `/api/programmes/${other.id}/sessions/${s[0]!.sessionId}`, { method: 'DELETE' })).status).toBe(404);
    expect((await call(olga, `/api/programmes/${other.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(olga, `/api/programmes/${other.id}`)).status).toBe(404);
    expect((await call(bram, `/api/sessions/${s[0]!.sessionId}/report.md`)).status).toBe(200);
  });

  describe('the figures', () => {
    const topicTitle = () => s[0]!.topics[0]!.title;
    const hiddenTitle = () => s[0]!.topics[1]!.title;

    it('the page’s JSON: figures per characteristic, the small cell hidden without its numbers', async () => {
      const res = await call(olga, `/api/programmes/${programme.id}/insight`);
      expect(res.status).toBe(200);
      const insight = await json<ProgrammeInsight>(res);
      expect(insight.sessionsIncluded).toBe(3);
      const [first, second] = insight.topics;
      expect(first!.title).toBe(topicTitle());
      // now (2+3+2+2+4+3)/6 = 2.67 → 2.7; want (4+5+4+4+4+3)/6 = 4
      expect(first!.cell).toMatchObject({ hidden: false, sessions: 3, groups: 6, people: 24, now: 2.7, want: 4, gap: 1.3 });
      expect((first!.cell as TopicFigures).distribution).toEqual({ now: [0, 3, 2, 1, 0], want: [0, 0, 1, 4, 1] });
      expect(first!.trend.map((p) => p.cell.hidden)).toEqual([true, true, true]);
      expect(second).toEqual({ topicId: s[0]!.topics[1]!.id, number: 2, title: hiddenTitle(), cell: { hidden: true }, trend: [{ date: '2026-02-10', cell: { hidden: true } }] });
      const text = JSON.stringify(insight);
      for (const name of NAMES) expect(text).not.toContain(name);
      expect(text).not.toContain('Gemeente Geheim');
    });

    it('filters by period and role', async () => {
      const period = await json<ProgrammeInsight>(await call(olga, `/api/programmes/${programme.id}/insight?from=2026-04-01&to=2026-06-30`));
      expect(period.sessionsIncluded).toBe(2);
      expect(period.topics[0]!.cell).toMatchObject({ sessions: 2, groups: 4, people: 16, now: 2.8, want: 3.8 });
      // Opdrachtgevers were in the groups of February and April only: 4 groups, 5 people.
      const role = await json<ProgrammeInsight>(await call(olga, `/api/programmes/${programme.id}/insight?role=opdrachtgever`));
      expect(role.topics[0]!.cell).toMatchObject({ sessions: 2, groups: 4, people: 6, now: 2.3, want: 4.3 });
      const tooFew = await json<ProgrammeInsight>(await call(olga, `/api/programmes/${programme.id}/insight?role=opdrachtgever&from=2026-04-01`));
      expect(tooFew.topics[0]!.cell).toEqual({ hidden: true });
    });

    it('Word: the figures in the document, the hidden cell said in words, no hidden number, no names', async () => {
      const res = await call(olga, `/api/programmes/${programme.id}/report.docx`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('wordprocessingml');
      expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="samenspraak-programma-\d{4}-\d{2}-\d{2}\.docx"/);
      const body = Buffer.from(await res.arrayBuffer());
      mkdirSync('test-results/exports', { recursive: true });
      writeFileSync('test-results/exports/programma.docx', body);
      const files = unzipSync(new Uint8Array(body));
      const xml = strFromU8(files['word/document.xml']!);
      const text = xml.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
      expect(text).toContain('Stevige lokale teams 2026');
      // The summary table: characteristic, gap, now, wanted, what it rests on.
      expect(text).toContain(`1. ${topicTitle()} +1,3 2,7 4,0 3 sessies, 6 groepen, 24 mensen`);
      expect(text).toContain(`2. ${hiddenTitle()} – – – te weinig gegevens`);
      expect(text).toContain('minder dan 3 groepen of minder dan 5 mensen');
      expect(xml).toMatch(/<wp:docPr [^>]*descr="Staafdiagram[^"]*nu 2,7, gewenst 4,0/);
      // The hidden characteristic's only scores (1 and 5) are in no chart's description.
      expect(xml).not.toMatch(new RegExp(`descr="[^"]*${hiddenTitle()}`));
      for (const name of NAMES) expect(text).not.toContain(name);
      expect(text).not.toContain('Gemeente Geheim');
    });

    it('Excel: the figures as numbers, the hidden cell empty with the reason, no names', async () => {
      const res = await call(olga, `/api/programmes/${programme.id}/export.xlsx`);
      expect(res.status).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      writeFileSync('test-results/exports/programma.xlsx', body);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(body as unknown as ArrayBuffer);
      const rows = (name: string) => {
        const out: unknown[][] = [];
        // Empty cells at a row's end are not written: compare what is there.
        wb.getWorksheet(name)!.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
        return out;
      };
      const summary = rows('Samenvatting');
      expect(summary[0]).toEqual(['Kenmerk', 'Nu', 'Gewenst', 'Verschil', 'Sessies', 'Groepen', 'Mensen', 'Toelichting']);
      expect(summary[1]).toEqual([`1. ${topicTitle()}`, 2.7, 4, 1.3, 3, 6, 24]);
      expect(summary[2]!.filter((v) => v !== undefined && v !== '' && v !== null)).toEqual([`2. ${hiddenTitle()}`, 'te weinig gegevens']);
      const spread = rows('Spreiding');
      expect(spread).toContainEqual([`1. ${topicTitle()}`, 'nu', 0, 3, 2, 1, 0]);
      const all = JSON.stringify(['Samenvatting', 'Spreiding', 'Verloop', 'Sessies', 'Over'].map(rows));
      for (const name of NAMES) expect(all).not.toContain(name);
      expect(all).not.toContain('Gemeente Geheim');
      // The hidden characteristic has no number anywhere: every row naming it carries only the reason.
      for (const sheet of ['Samenvatting', 'Spreiding', 'Verloop']) {
        for (const r of rows(sheet).filter((r) => String(r[0]).includes(hiddenTitle()))) expect(r.some((v) => typeof v === 'number'), `${sheet}: ${JSON.stringify(r)}`).toBe(false);
      }
    });
  });
});
