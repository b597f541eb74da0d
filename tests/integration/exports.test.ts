/**
 * Every download format of a real session, opened with independent readers: the .docx and
 * .xlsx unzipped (fflate) and their XML read, the CSV parsed with ';' and ',', the HTML
 * checked as text. Each must hold every acknowledged answer, the scores and the takeaway,
 * and no names or organisations. Files are written in the export worker (the bench measures
 * that the event loop stays free meanwhile).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstStepOf } from '../../shared/domain/agenda.ts';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { CSV_HEADER } from '../../server/export/csv.ts';
import { parseCsv } from '../support/csv.ts';
import { createSession, op, Operator, Phone, send, startServer, until, type CreatedSession, type TestServer } from './harness.ts';
import { TakeawayWriter } from './yjsWriter.ts';

let server: TestServer;
let session: CreatedSession;
const phones: Phone[] = [];
let facilitator: Operator;
const answers: string[] = [];
const TAKEAWAY = 'Wij gaan samen de wijkanalyse maken & <delen>';
const NAMES = ['Anneke Zwaluw', 'Bram Kievit', 'Chantal Merel', 'Dirk Specht', 'Eva Reiger', 'Fatima Uil'];
const ORG = 'Gemeente Geheimstad';

/** Downloads a file (kept in test-results/exports/ to look at, e.g. rendered with LibreOffice). */
async function get(path: string): Promise<{ status: number; type: string; body: Buffer; headers: Headers }> {
  const res = await fetch(`${server.url}/api/sessions/${session.sessionId}/${path}`, { headers: { authorization: `Bearer ${session.facilitatorSecret}` } });
  const body = Buffer.from(await res.arrayBuffer());
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  if (res.ok && name) {
    mkdirSync('test-results/exports', { recursive: true });
    writeFileSync(`test-results/exports/${path.includes('excel-nl') ? 'excel-nl-' : ''}${name}`, body);
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', body, headers: res.headers };
}

/** All text of the XML parts of an Office file whose names match, with tags removed and entities decoded. */
function officeText(file: Buffer, part: RegExp): string {
  const files = unzipSync(new Uint8Array(file));
  return Object.entries(files)
    .filter(([name]) => part.test(name))
    .map(([, data]) => strFromU8(data))
    .join('\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

beforeAll(async () => {
  server = await startServer();
  session = await createSession(server.url);
  facilitator = await new Operator(server.url, session.sessionId, session.facilitatorSecret).ready();
  for (let i = 0; i < NAMES.length; i++) {
    const phone = new Phone(server.url);
    phones.push(phone);
    await phone.join(session.code, NAMES[i]!, i % 2 ? 'opdrachtnemer' : 'opdrachtgever', ORG);
  }
  expect(await facilitator.send('groups:form', { opId: op(), targetSize: 3 })).toMatchObject({ ok: true });
  const state = facilitator.state!;
  const topic = state.content.topics[0]!;
  const step = state.agenda.findIndex((s) => s.kind === 'topic' && (s.payload as { topicId: string }).topicId === topic.id);
  expect(await facilitator.send('step:set', { opId: op(), stepIndex: step })).toMatchObject({ ok: true });
  await until(() => phones.every((p) => p.group && p.state!.stepIndex === step), 'phones at the first characteristic');
  // Every phone answers every question once; some texts that a spreadsheet or a document could misread.
  const tricky = ['=SUM(A1:A9)', 'Eén; twee, "drie"', 'Regel 1\nRegel 2', '<b>vet</b> & zo', '@iedereen 🎉', '-minder overleg'];
  for (const [i, phone] of phones.entries()) {
    for (const [j, q] of state.content.questions.entries()) {
      const text = j === 0 ? tricky[i]! : `Antwoord ${i + 1}.${j + 1} over ${topic.title.toLowerCase()}`;
      const ack = await send(phone.socket, 'answer:add', { answerId: `ans-${i}-${j}-${Date.now()}`, topicId: topic.id, questionId: q.id, text });
      expect(ack).toMatchObject({ ok: true });
      answers.push(text);
    }
  }
  const groupPhones = new Map<string, Phone>();
  for (const p of phones) if (!groupPhones.has(p.group!.id)) groupPhones.set(p.group!.id, p);
  const scores = [
    [2, 5],
    [3, 4],
  ];
  [...groupPhones.values()].forEach((p, i) => void send(p.socket, 'rating:set', { opId: op(), topicId: topic.id, now: scores[i % 2]![0], want: scores[i % 2]![1] }));
  await until(() => Object.keys(facilitator.state!.ratings).length === groupPhones.size, 'ratings in');
  const takeawayStep = firstStepOf(facilitator.state!, 'takeaway');
  expect(await facilitator.send('step:set', { opId: op(), stepIndex: takeawayStep })).toMatchObject({ ok: true });
  const writer = new TakeawayWriter(phones[0]!, phones[0]!.group!.id);
  await writer.sync();
  writer.type(TAKEAWAY, 0);
  expect(await writer.flush()).toMatchObject({ ok: true });
  await until(() => Object.values(facilitator.state!.takeaways).some((t) => t.text === TAKEAWAY), 'takeaway in');
}, 30_000);

afterAll(async () => {
  for (const p of phones) p.close();
  facilitator?.close();
  await server?.close();
});

const noPersonalData = (text: string) => {
  for (const name of NAMES) expect(text).not.toContain(name);
  expect(text).not.toContain(ORG);
};

describe('downloads in every format', () => {
  it('Word: a .docx with real headings, a table with a header row, a chart with alt text, every answer, the scores and the takeaway', async () => {
    const res = await get('report.docx');
    expect(res.status).toBe(200);
    expect(res.type).toContain('wordprocessingml');
    expect(res.headers.get('content-disposition')).toMatch(/\.docx"$/);
    const files = unzipSync(new Uint8Array(res.body));
    const xml = strFromU8(files['word/document.xml']!);
    expect(xml).toContain('w:val="Heading1"');
    expect(xml).toContain('<w:tblHeader');
    expect(xml).toMatch(/<wp:docPr [^>]*descr="Staafdiagram[^"]*nu 2,5[^"]*gewenst 4,5/);
    expect(Object.keys(files).some((n) => /^word\/media\/.+\.png$/.test(n))).toBe(true);
    const text = officeText(res.body, /^word\/document\.xml$/);
    for (const a of answers) for (const line of a.split('\n')) expect(text).toContain(line);
    expect(text).toContain('Score nu: 2 · gewenst: 5');
    expect(text).toContain('nu 2,5 · gewenst 4,5 · verschil +2,0');
    expect(text).toContain(TAKEAWAY);
    noPersonalData(text);
  });

  it('Excel: an .xlsx whose sheets hold every answer as typed (no formula), the scores in long format, frozen headers with filters', async () => {
    const res = await get('export.xlsx');
    expect(res.status).toBe(200);
    expect(res.type).toContain('spreadsheetml');
    const files = unzipSync(new Uint8Array(res.body));
    const workbook = strFromU8(files['xl/workbook.xml']!);
    for (const name of ['Samenvatting', 'Kenmerken', 'Antwoorden', 'Scores', 'Groepen', 'Sessie']) expect(workbook).toContain(`name="${name}"`);
    const sheets = Object.keys(files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    for (const s of sheets) {
      const xml = strFromU8(files[s]!);
      expect(xml, s).toContain('state="frozen"');
      expect(xml, s).toContain('<autoFilter');
      expect(xml, s).not.toContain('<f>');
    }
    const text = officeText(res.body, /^xl\/(sharedStrings|worksheets\/sheet\d+)\.xml$/);
    for (const a of answers) expect(text).toContain(a.replace(/\n/g, ' '));
    expect(text).toContain('=SUM(A1:A9)');
    expect(text).not.toContain("'=SUM");
    expect(text).toContain(TAKEAWAY);
    expect(text).toContain('gewenst');
    noPersonalData(text);
  });

  it('CSV for Dutch Excel: a BOM, semicolons, every answer exactly once with accents intact, no cell that starts a formula', async () => {
    const res = await get('export.csv?flavour=excel-nl');
    expect(res.status).toBe(200);
    const text = res.body.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1), ';');
    expect(header).toEqual([...CSV_HEADER]);
    const texts = rows.filter((r) => r[3] === 'antwoord').map((r) => r[6]!.replace(/^'/, ''));
    expect(texts.sort()).toEqual([...answers].sort());
    expect(texts).toContain('Eén; twee, "drie"');
    for (const r of rows) for (const c of r) expect(c).not.toMatch(/^[=+\-@]/);
    expect(rows.find((r) => r[3] === 'antwoord')![11]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    noPersonalData(text);
  });

  it('plain CSV: commas, no BOM, the same rows', async () => {
    const plain = (await get('export.csv')).body.toString('utf8');
    const nl = (await get('export.csv?flavour=excel-nl')).body.toString('utf8');
    expect(plain.startsWith('\uFEFF')).toBe(false);
    expect(parseCsv(plain)).toEqual(parseCsv(nl.slice(1), ';'));
  });

  it('HTML: one printable page, every user text escaped, served with a CSP that allows no scripts or requests', async () => {
    const res = await get('report.html');
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = res.body.toString('utf8');
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('&lt;b&gt;vet&lt;/b&gt; &amp; zo');
    expect(html).not.toContain('<b>vet</b>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(?:src|href)="https?:/i);
    expect(html).toContain('Regel 1<br>Regel 2');
    expect(html).toContain('Wij gaan samen de wijkanalyse maken &amp; &lt;delen&gt;');
    expect(html).toContain('<svg');
    noPersonalData(html);
  });

  it('Markdown: every answer and the takeaway', async () => {
    const md = (await get('report.md')).body.toString('utf8');
    expect(md).toContain('=SUM(A1:A9)');
    expect(md).toContain('Wij gaan samen de wijkanalyse maken & &lt;delen>');
    noPersonalData(md);
  });

  it('refuses without the facilitator secret, for every format', async () => {
    for (const path of ['report.docx', 'report.html', 'report.md', 'export.xlsx', 'export.csv']) {
      const res = await fetch(`${server.url}/api/sessions/${session.sessionId}/${path}`, { headers: { authorization: `Bearer ${session.screenSecret}` } });
      expect(res.status, path).toBe(401);
    }
  });

});

describe('a large session in Word (2,100 answers: each characteristic lists its answers per question and role, across the groups)', () => {
  it('still holds every answer, with its group, and the score distribution', async () => {
    const { TEMPLATES } = await import('../../shared/templates.ts');
    const { replay } = await import('../../shared/domain/evolve.ts');
    const { writeExport } = await import('../../server/export/formats.ts');
    const content = TEMPLATES[0].content;
    const events: DomainEvent[] = [
      { type: 'session.created', id: 's1', code: 'ABC234', at: 1, content, settings: { targetGroupSize: 5, lateJoiners: 'smallest', locked: false, language: 'nl', topicMinutes: 10 } },
    ];
    const roles = ['opdrachtgever', 'opdrachtnemer', 'anders'] as const;
    for (let i = 0; i < 300; i++) {
      events.push({ type: 'participant.joined', participant: { id: `p${i}`, name: `Naam ${i}`, role: roles[i % 3]!, organisation: 'Org', joinedAt: 1, groupId: null, removed: false } });
    }
    events.push({ type: 'groups.formed', groups: Array.from({ length: 60 }, (_, g) => ({ id: `g${g}`, number: g + 1, memberIds: Array.from({ length: 5 }, (_, k) => `p${g * 5 + k}`) })) });
    const texts: string[] = [];
    for (let g = 0; g < 60; g++) {
      for (let t = 0; t < 7; t++) {
        for (let k = 0; k < 5; k++) {
          const text = `Antwoord g${g + 1} k${t + 1} #${k} <&>`;
          texts.push(text);
          const answer = { id: `a${texts.length}`, groupId: `g${g}`, topicId: content.topics[t]!.id, questionId: content.questions[k % 3]!.id, authorId: `p${g * 5 + k}`, text, createdAt: texts.length, updatedAt: texts.length, rev: 1, hidden: k === 4 };
          events.push({ type: 'answer.added', answer });
        }
        events.push({ type: 'rating.set', rating: { groupId: `g${g}`, topicId: content.topics[t]!.id, now: 1 + (g % 5), want: 5, updatedAt: 1, updatedBy: 'p0' } } as DomainEvent);
      }
    }
    const state = replay(events);
    if (!state) throw new Error('no state');
    const docx = await writeExport('docx', state);
    const text = officeText(docx, /^word\/document\.xml$/);
    for (const t of texts) expect(text).toContain(t);
    expect(text).toContain('Groep 17: Antwoord g17 k3 #0 <&>');
    expect(text).toContain('Scores van de groepen, nu: 1: 12 groepen · 2: 12 groepen');
    expect(text).toContain('Antwoord g1 k1 #4 <&> (verborgen op scherm)');
    for (let i = 0; i < 300; i++) expect(text).not.toContain(`Naam ${i} `);
  });
});
