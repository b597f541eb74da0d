import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { replay } from '../../shared/domain/evolve.ts';
import type { Step } from '../../shared/domain/agenda.ts';
import type { Answer, Participant, SessionState } from '../../shared/domain/types.ts';
import type { Role } from '../../shared/constants.ts';
import { TEMPLATES } from '../../shared/templates.ts';
import { CSV_HEADER, sessionCsv } from '../../server/export/csv.ts';
import { amsterdamIso } from '../../server/export/localTime.ts';
import { sessionReport } from '../../server/export/markdown.ts';
import { reportHtml } from '../../server/export/html.ts';
import { buildSessionReport } from '../../shared/report/model.ts';
import { parseCsv } from '../support/csv.ts';


const T0 = Date.UTC(2026, 10, 22, 9, 0); // 22 November 2026, 10:00 in Amsterdam
const content = TEMPLATES[0].content;
const [k1, k2, k3, k4] = content.topics;
const [q1, q2, q3] = content.questions;

const NAMES = ['Anneke Zwaluw', 'Bram Kievit', 'Chantal Merel', 'Dirk Specht', 'Eva Reiger', 'Fatima Uil', 'Gerrit Vertrokken'];
const ORG = 'Gemeente Voorbeeldstad';
const ROLES: Role[] = ['opdrachtgever', 'opdrachtnemer', 'anders', 'opdrachtgever', 'opdrachtnemer', 'opdrachtgever', 'anders'];

const participant = (i: number): Participant => ({
  id: `p${i + 1}`,
  name: NAMES[i]!,
  role: ROLES[i]!,
  organisation: i % 2 ? ORG : `${ORG} Noord`,
  joinedAt: T0 + i,
  groupId: null,
  removed: false,
});

const answer = (id: string, groupId: string, topicId: string, questionId: string, authorId: string, text: string, at: number): Answer => ({
  id,
  groupId,
  topicId,
  questionId,
  authorId,
  text,
  createdAt: T0 + at,
  updatedAt: T0 + at,
  rev: 1,
  hidden: false,
});

const TEXT = {
  quotes: 'Ja, dit is "precies" wat we willen',
  multiline: 'Regel 1\nRegel 2\r\nRegel 3',
  formula: '=SUM(A1:A2)',
  plus: '+31 6 12345678',
  minus: '-minder overleg',
  at: '@team graag 🎉👩‍👩‍👧',
  tab: '\tingesprongen',
  structure: '# Geen kop\n> geen citaat\n1. geen lijst\n| a | b |',
  script: '<script>alert(1)</script>',
  edited: 'nieuw, beter',
  leaver: 'van een vertrokken deelnemer',
} as const;

function buildEvents(): DomainEvent[] {
  return [
    {
      type: 'session.created',
      id: 's1',
      code: 'K7M2QX',
      at: T0,
      content,
      settings: { targetGroupSize: 5, lateJoiners: 'smallest', locked: false, language: 'nl', topicMinutes: 10 },
    },
    ...NAMES.map((_, i): DomainEvent => ({ type: 'participant.joined', participant: participant(i) })),
    {
      type: 'groups.formed',
      groups: [
        { id: 'g1', number: 1, memberIds: ['p1', 'p2', 'p3', 'p7'] },
        { id: 'g2', number: 2, memberIds: ['p4', 'p5'] },
        { id: 'g3', number: 3, memberIds: ['p6'] },
      ],
    },
    { type: 'answer.added', answer: answer('a1', 'g1', k1!.id, q1!.id, 'p1', TEXT.quotes, 10) },
    { type: 'answer.added', answer: answer('a2', 'g1', k1!.id, q1!.id, 'p2', TEXT.multiline, 5) },
    { type: 'answer.added', answer: answer('a12', 'g1', k1!.id, q1!.id, 'p7', TEXT.leaver, 20) },
    { type: 'answer.added', answer: answer('a3', 'g1', k1!.id, q2!.id, 'p3', TEXT.formula, 1) },
    { type: 'answer.added', answer: answer('a4', 'g1', k2!.id, q1!.id, 'p1', TEXT.plus, 30) },
    { type: 'answer.added', answer: answer('a5', 'g1', k2!.id, q3!.id, 'p2', TEXT.minus, 31) },
    { type: 'answer.hidden', answerId: 'a5', hidden: true },
    { type: 'answer.added', answer: answer('a6', 'g2', k1!.id, q1!.id, 'p4', TEXT.at, 12) },
    { type: 'answer.added', answer: answer('a7', 'g2', k1!.id, q3!.id, 'p5', TEXT.tab, 13) },
    { type: 'answer.added', answer: answer('a8', 'g2', k1!.id, q2!.id, 'p4', TEXT.structure, 14) },
    { type: 'answer.added', answer: answer('a9', 'g2', k3!.id, q1!.id, 'p5', TEXT.script, 40) },
    { type: 'answer.added', answer: answer('a10', 'g2', k2!.id, q1!.id, 'p4', 'oud', 35) },
    { type: 'answer.edited', answerId: 'a10', text: TEXT.edited, rev: 2, at: T0 + 60_000 },
    { type: 'answer.added', answer: answer('a11', 'g2', k2!.id, q2!.id, 'p4', 'WEGGEHAALD', 36) },
    { type: 'answer.deleted', answerId: 'a11' },
    { type: 'participant.removed', participantId: 'p7' },
    // k1: 3/5 and 2/4 → 2,5 / 4,5
    { type: 'rating.set', rating: { groupId: 'g1', topicId: k1!.id, now: 3, want: 5, updatedAt: T0 + 100, updatedBy: 'p1' } },
    { type: 'rating.set', rating: { groupId: 'g2', topicId: k1!.id, now: 2, want: 4, updatedAt: T0 + 101, updatedBy: 'p4' } },
    // k2: now 4,3 → 3,5; want -,4 → 4,0
    { type: 'rating.set', rating: { groupId: 'g1', topicId: k2!.id, now: 4, want: null, updatedAt: T0 + 102, updatedBy: 'p1' } },
    { type: 'rating.set', rating: { groupId: 'g2', topicId: k2!.id, now: 3, want: 4, updatedAt: T0 + 103, updatedBy: 'p4' } },
    // k3: cleared rating
    { type: 'rating.set', rating: { groupId: 'g1', topicId: k3!.id, now: null, want: null, updatedAt: T0 + 104, updatedBy: 'p2' } },
    // k4: now 3,4,3 → 3,3; want 5,5,4 → 4,7
    { type: 'rating.set', rating: { groupId: 'g1', topicId: k4!.id, now: 3, want: 5, updatedAt: T0 + 105, updatedBy: 'p1' } },
    { type: 'rating.set', rating: { groupId: 'g2', topicId: k4!.id, now: 4, want: 5, updatedAt: T0 + 106, updatedBy: 'p4' } },
    { type: 'rating.set', rating: { groupId: 'g3', topicId: k4!.id, now: 3, want: 4, updatedAt: T0 + 107, updatedBy: 'p6' } },
    {
      type: 'takeaway.set',
      takeaway: { groupId: 'g1', text: 'Meer samen, minder "los"\nVolgende stap: plannen', rev: 1, updatedAt: T0 + 200, updatedBy: 'p1' },
    },
    { type: 'takeaway.set', takeaway: { groupId: 'g2', text: '   ', rev: 1, updatedAt: T0 + 201, updatedBy: 'p4' } },
  ];
}

function build(extra: DomainEvent[] = []): SessionState {
  const state = replay([...buildEvents(), ...extra]);
  if (!state) throw new Error('no state');
  return state;
}

const guarded = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

describe('sessionCsv', () => {
  const state = build();
  const csv = sessionCsv(state);
  const rows = parseCsv(csv);
  const [header, ...body] = rows;
  const col = (name: (typeof CSV_HEADER)[number]): number => CSV_HEADER.indexOf(name);
  const cell = (row: string[], name: (typeof CSV_HEADER)[number]): string => row[col(name)]!;

  it('plain: no BOM, the exact header, commas, CRLF line endings', () => {
    expect(csv.startsWith('\uFEFF')).toBe(false);
    expect(csv.split('\r\n')[0]).toBe('sessie,code,groep,soort,kenmerk,vraag,tekst,score_nu,score_gewenst,rol,verborgen,tijdstip');
    expect(header).toEqual([...CSV_HEADER]);
    expect(csv.endsWith('\r\n')).toBe(true);
    for (const r of rows) expect(r).toHaveLength(12);
  });

  it('for Dutch Excel: a UTF-8 BOM and semicolons; it reads back through a ";" parser with the same cells, accents intact, no formula cell', () => {
    const nl = sessionCsv(state, 'excel-nl');
    expect(nl.startsWith('\uFEFF')).toBe(true);
    expect(nl.slice(1).split('\r\n')[0]).toBe(CSV_HEADER.join(';'));
    const back = parseCsv(nl.slice(1), ';');
    expect(back).toEqual(rows);
    const accented = build([{ type: 'answer.added', answer: answer('a-acc', 'g1', k1!.id, q1!.id, 'p1', 'Één café; naïef — “zo”', 50) }]);
    const cells = parseCsv(sessionCsv(accented, 'excel-nl').slice(1), ';').flat();
    expect(cells).toContain('Één café; naïef — “zo”');
    for (const c of cells) expect(c).not.toMatch(/^[=+\-@]/);
  });

  it('writes times in Dutch time with the offset, winter and summer', () => {
    expect(amsterdamIso(Date.UTC(2026, 10, 22, 9, 0))).toBe('2026-11-22T10:00:00+01:00');
    expect(amsterdamIso(Date.UTC(2026, 6, 1, 9, 30, 5))).toBe('2026-07-01T11:30:05+02:00');
    expect(amsterdamIso(Date.UTC(2026, 2, 29, 1, 0))).toBe('2026-03-29T03:00:00+02:00');
  });

  it('has one row per answer, per rating and per non-empty takeaway', () => {
    const kinds = body.map((r) => cell(r, 'soort'));
    expect(kinds.filter((k) => k === 'antwoord')).toHaveLength(Object.keys(state.answers).length);
    expect(kinds.filter((k) => k === 'antwoord')).toHaveLength(11);
    expect(kinds.filter((k) => k === 'score')).toHaveLength(8);
    expect(kinds.filter((k) => k === 'meenemen')).toHaveLength(1);
    expect(csv).not.toContain('WEGGEHAALD');
    expect(csv).not.toContain(',oud,');
  });

  it('puts every answer exactly once, with its group, topic, question, role, hidden flag and time (quotes, commas, newlines, emoji survive)', () => {
    for (const a of Object.values(state.answers)) {
      const matches = body.filter((r) => cell(r, 'soort') === 'antwoord' && cell(r, 'tekst') === guarded(a.text));
      expect(matches, a.text).toHaveLength(1);
      const r = matches[0]!;
      const group = state.groups.find((g) => g.id === a.groupId)!;
      expect(cell(r, 'sessie')).toBe(content.title);
      expect(cell(r, 'code')).toBe('K7M2QX');
      expect(cell(r, 'groep')).toBe(String(group.number));
      expect(cell(r, 'kenmerk')).toBe(content.topics.find((t) => t.id === a.topicId)!.title);
      expect(cell(r, 'vraag')).toBe(content.questions.find((q) => q.id === a.questionId)!.text);
      expect(cell(r, 'rol')).toBe(state.participants[a.authorId]!.role);
      expect(cell(r, 'verborgen')).toBe(a.hidden ? 'ja' : 'nee');
      expect(cell(r, 'tijdstip')).toBe(amsterdamIso(a.updatedAt));
      expect(cell(r, 'score_nu')).toBe('');
      expect(cell(r, 'score_gewenst')).toBe('');
    }
    const texts = body.map((r) => cell(r, 'tekst'));
    expect(texts).toContain(TEXT.quotes);
    expect(texts).toContain(TEXT.multiline);
    expect(texts).toContain(TEXT.at.replace(/^/, "'"));
    expect(texts).toContain(TEXT.edited);
    // The hidden answer is exported, marked hidden; the removed participant's answer keeps its role.
    expect(body.find((r) => cell(r, 'tekst') === `'${TEXT.minus}`)![col('verborgen')]).toBe('ja');
    expect(body.find((r) => cell(r, 'tekst') === TEXT.leaver)![col('rol')]).toBe('anders');
  });

  it('guards cells that a spreadsheet would read as a formula', () => {
    const texts = body.map((r) => cell(r, 'tekst'));
    expect(texts).toContain("'=SUM(A1:A2)");
    expect(texts).toContain("'+31 6 12345678");
    expect(texts).toContain("'-minder overleg");
    expect(texts).toContain("'@team graag 🎉👩‍👩‍👧");
    expect(texts).toContain("'\tingesprongen");
    for (const r of body) for (const c of r) expect(c).not.toMatch(/^[=+\-@\t\r]/);

    const evil = build([
      { type: 'content.updated', content: { ...content, title: '=HYPERLINK("http://x","klik"), ja', takeawayQuestion: '-Wat neem je mee?' } },
    ]);
    const evilRows = parseCsv(sessionCsv(evil)).slice(1);
    for (const r of evilRows) expect(cell(r, 'sessie')).toBe(`'=HYPERLINK("http://x","klik"), ja`);
    expect(evilRows.find((r) => cell(r, 'soort') === 'meenemen')![col('vraag')]).toBe("'-Wat neem je mee?");
  });

  it('no way of splitting a text cell (Dutch Excel on ";", a reader that breaks at newlines) gives a piece that starts with a formula', () => {
    const tricks = ['x;=1+1;', 'ja,=HYPERLINK("http://x")', 'regel een\n=cmd|calc', 'a\t+1', 'b\r\n@SUM(1)', 'c;\uFF1D1+1', 'tussen; -5 en 5'];
    const s = build(tricks.map((text, i) => ({ type: 'answer.added', answer: answer(`t${i}`, 'g1', k1!.id, q1!.id, 'p1', text, 50 + i) }) as DomainEvent));
    const cells = parseCsv(sessionCsv(s)).slice(1).map((r) => cell(r, 'tekst'));
    for (const text of cells) {
      for (const piece of text.split(/[;,\t\r\n]/)) expect(piece, JSON.stringify(text)).not.toMatch(/^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/);
    }
    expect(cells).toContain("x;'=1+1;");
    expect(cells).toContain("regel een\n'=cmd|calc");
    // Ordinary text is left alone: a space before the minus sign is not a formula.
    expect(cells).toContain('tussen; -5 en 5');
  });

  it('the report turns no typed address into a link (bare URLs, www., e-mail, link syntax)', () => {
    const typed = 'zie http://evil.example/x, HTTPS://evil.example en www.evil.example of mail a@evil.example [klik](http://evil.example)';
    const s = build([{ type: 'answer.added', answer: answer('link1', 'g1', k1!.id, q1!.id, 'p1', typed, 60) }]);
    const md = sessionReport(s);
    expect(md).not.toMatch(/https?:\/\//i);
    expect(md).not.toMatch(/www\.evil/);
    expect(md).not.toMatch(/[^\\]@evil/);
    expect(md).toContain('http\\://evil.example/x');
    expect(md).toContain('www\\.evil.example');
    expect(md).toContain('a\\@evil.example');
    expect(md).toContain('\\[klik\\](http\\://evil.example)');
  });

  it('writes scores as plain numbers, empty when not given', () => {
    const scores = body.filter((r) => cell(r, 'soort') === 'score');
    const g1k1 = scores.find((r) => cell(r, 'groep') === '1' && cell(r, 'kenmerk') === k1!.title)!;
    expect([cell(g1k1, 'score_nu'), cell(g1k1, 'score_gewenst'), cell(g1k1, 'tekst'), cell(g1k1, 'vraag'), cell(g1k1, 'rol')]).toEqual(['3', '5', '', '', '']);
    expect(cell(g1k1, 'tijdstip')).toBe('2026-11-22T10:00:00+01:00');
    const g1k2 = scores.find((r) => cell(r, 'groep') === '1' && cell(r, 'kenmerk') === k2!.title)!;
    expect([cell(g1k2, 'score_nu'), cell(g1k2, 'score_gewenst')]).toEqual(['4', '']);
    const g1k3 = scores.find((r) => cell(r, 'groep') === '1' && cell(r, 'kenmerk') === k3!.title)!;
    expect([cell(g1k3, 'score_nu'), cell(g1k3, 'score_gewenst')]).toEqual(['', '']);
  });

  it('exports the takeaway with the takeaway question', () => {
    const t = body.filter((r) => cell(r, 'soort') === 'meenemen');
    expect(t).toHaveLength(1);
    expect(cell(t[0]!, 'groep')).toBe('1');
    expect(cell(t[0]!, 'vraag')).toBe('Wat neem je mee?');
    expect(cell(t[0]!, 'tekst')).toBe('Meer samen, minder "los"\nVolgende stap: plannen');
  });

  it('orders rows by group, topic, answers by question then time, score after answers, takeaway last', () => {
    const summary = body.map((r) => [cell(r, 'groep'), cell(r, 'soort'), cell(r, 'kenmerk').slice(0, 12), cell(r, 'tekst').slice(0, 10)].join('|'));
    const t = (x: { title: string }) => x.title.slice(0, 12);
    expect(summary).toEqual([
      `1|antwoord|${t(k1!)}|Regel 1\nRe`,
      `1|antwoord|${t(k1!)}|Ja, dit is`,
      `1|antwoord|${t(k1!)}|van een ve`,
      `1|antwoord|${t(k1!)}|'=SUM(A1:A`,
      `1|score|${t(k1!)}|`,
      `1|antwoord|${t(k2!)}|'+31 6 123`,
      `1|antwoord|${t(k2!)}|'-minder o`,
      `1|score|${t(k2!)}|`,
      `1|score|${t(k3!)}|`,
      `1|score|${t(k4!)}|`,
      `1|meenemen||Meer samen`,
      `2|antwoord|${t(k1!)}|'@team gra`,
      `2|antwoord|${t(k1!)}|# Geen kop`,
      `2|antwoord|${t(k1!)}|'\tingespro`,
      `2|score|${t(k1!)}|`,
      `2|antwoord|${t(k2!)}|nieuw, bet`,
      `2|score|${t(k2!)}|`,
      `2|antwoord|${t(k3!)}|<script>al`,
      `2|score|${t(k4!)}|`,
      `3|score|${t(k4!)}|`,
    ]);
    expect(sessionCsv(build())).toBe(csv);
  });

  it('contains no participant names or organisations', () => {
    for (const name of NAMES) expect(csv).not.toContain(name);
    expect(csv).not.toContain(ORG);
    expect(csv).not.toContain('p1');
  });
});

describe('sessionReport', () => {
  const state = build();
  const md = sessionReport(state);
  const lines = md.split('\n');

  it('opens with title, Dutch date, code, counts and roles', () => {
    expect(lines[0]).toBe('# Stevige lokale teams — Ben jij hiervan?');
    expect(md).toContain('22 november 2026 · code K7M2QX · 6 deelnemers in 3 groepen');
    expect(md).toContain('Rollen: 3 opdrachtgevers · 2 opdrachtnemers · 1 anders');
  });

  it('reports each characteristic discussed: averages and gap, answers per role, per group its scores and answers per question split by role', () => {
    expect(lines).toContain('## Per kenmerk');
    [k1, k2, k3, k4].forEach((t, i) => expect(lines).toContain(`### ${i + 1}. ${t!.title}`));
    expect(lines).toContain(`_${k1!.description}_`);
    const k1Section = md.slice(md.indexOf(`### 1. ${k1!.title}`), md.indexOf(`### 2. ${k2!.title}`));
    expect(k1Section).toContain('**Gemiddeld:** nu 2,5 · gewenst 4,5 · verschil +2,0 (2 groepen)');
    expect(k1Section).toContain('7 antwoorden (opdrachtgevers 3 · opdrachtnemers 2 · anders 2)');
    expect(k1Section).toContain('#### Groep 1\n\nScore nu: 3 · gewenst: 5');
    expect(k1Section).toContain('#### Groep 2\n\nScore nu: 2 · gewenst: 4');
    // A group that did nothing on a characteristic is left out, not listed as empty.
    expect(k1Section).not.toContain('#### Groep 3');
    expect(md).not.toContain('Nog niets ingevuld');
    // The answers to one question, split by the author's role (the removed author's role kept).
    expect(k1Section).toContain(
      `**${q1!.text}**\n\n_Opdrachtgevers_\n\n- Ja, dit is "precies" wat we willen\n\n_Opdrachtnemers_\n\n- Regel 1\\\n  Regel 2\\\n  Regel 3\n\n_Anders_\n\n- van een vertrokken deelnemer`,
    );

    const k2Section = md.slice(md.indexOf(`### 2. ${k2!.title}`), md.indexOf(`### 3. ${k3!.title}`));
    expect(k2Section).toContain('Score nu: 4 · gewenst: –');
    expect(k2Section).toContain('- \\-minder overleg _(verborgen op scherm)_');
    expect(k2Section).toContain('**Gemiddeld:** nu 3,5 · gewenst 4,0 · verschil +0,5 (nu 2 groepen, gewenst 1 groep)');

    const k3Section = md.slice(md.indexOf(`### 3. ${k3!.title}`), md.indexOf(`### 4. ${k4!.title}`));
    expect(k3Section).toContain('#### Groep 2\n\nGeen score');
    expect(k3Section).toContain('**Gemiddeld:** nog geen scores');

    expect(md).toContain('**Gemiddeld:** nu 3,3 · gewenst 4,7 · verschil +1,4 (3 groepen)');
    expect(md).not.toContain('WEGGEHAALD');
  });

  it('lists the characteristics nobody discussed once, at the end', () => {
    const rest = content.topics.slice(4);
    expect(rest.length).toBeGreaterThan(0);
    const section = md.slice(md.indexOf('## Niet besproken'), md.indexOf('## Wat neem je mee?'));
    rest.forEach((t, i) => expect(section).toContain(`- ${i + 5}\\. ${t.title}`));
    for (const t of rest) expect(md.split(t.title).length - 1).toBe(1);
    expect(md.indexOf('## Niet besproken')).toBeGreaterThan(md.indexOf(`### 4. ${k4!.title}`));
  });

  it('opens with a summary table sorted by gap, largest first, with Dutch decimals', () => {
    expect(lines).toContain('## Samenvatting: waar is het verschil het grootst?');
    expect(md).toContain('| Kenmerk | Nu | Gewenst | Verschil | Groepen |\n| --- | ---: | ---: | ---: | ---: |');
    const rows = lines.filter((l) => /^\| \d\./.test(l)).slice(0, 4);
    expect(rows).toEqual([
      `| 1. ${k1!.title} | 2,5 | 4,5 | +2,0 | 2 |`,
      `| 4. ${k4!.title} | 3,3 | 4,7 | +1,4 | 3 |`,
      `| 2. ${k2!.title} | 3,5 | 4,0 | +0,5 | 2 |`,
      `| 3. ${k3!.title} | – | – | – | 0 |`,
    ]);
    expect(md.indexOf('## Samenvatting')).toBeLessThan(md.indexOf('## Per kenmerk'));
  });

  it('lists takeaways of the groups that wrote one, the groups with their role mix, and the contact address', () => {
    const takeaways = md.slice(md.indexOf('## Wat neem je mee?'), md.indexOf('## Groepen'));
    expect(takeaways).toContain('### Groep 1\n\nMeer samen, minder "los"\\\nVolgende stap: plannen');
    expect(takeaways).not.toContain('### Groep 2');
    expect(md).toContain('| Groep | Mensen | Opdrachtgevers | Opdrachtnemers | Anders |\n| --- | ---: | ---: | ---: | ---: |\n| Groep 1 | 3 | 1 | 1 | 1 |');
    expect(lines.at(-1)).toBe('');
    expect(lines.at(-2)).toContain('stevigelokaleteams\\@vng.nl');
  });

  it('keeps user text from becoming structure or HTML', () => {
    expect(md).toContain('- \\# Geen kop\\\n  \\> geen citaat\\\n  1\\. geen lijst\\\n  \\| a \\| b \\|');
    // The only headings are the report's own.
    const headings = lines.filter((l) => /^\s*(?:[-*+]\s+)?#{1,6}\s/.test(l));
    for (const h of headings) expect(h).toMatch(/^(# Stevige|## |### \d+\. |#### Groep \d|### Groep \d)/);
    expect(lines.some((l) => /^\s*>/.test(l))).toBe(false);
    expect(md).toContain('&lt;script>alert(1)&lt;/script>');
    expect(md).not.toContain('<script');
    expect(md).not.toMatch(/</);
    expect(md).toContain('- \\+31 6 12345678');
    expect(md).toContain('- @team graag 🎉👩‍👩‍👧');
  });

  it('escapes | in table cells and heading text', () => {
    const evil = build([{ type: 'content.updated', content: { ...content, topics: [{ ...k1!, title: 'A | B <b>' }, ...content.topics.slice(1)] } }]);
    const report = sessionReport(evil);
    expect(report).toContain('| 1. A \\| B &lt;b> | 2,5 | 4,5 | +2,0 |');
    expect(report).toContain('### 1. A \\| B &lt;b>');
  });

  it('contains no participant names or organisations', () => {
    for (const name of NAMES) expect(md).not.toContain(name);
    expect(md).not.toContain(ORG);
  });
  it('follows the agenda: characteristics in the order they were discussed; slides and their notes stay out', () => {
    const slide = (id: string, title: string, body: string): Step => ({ id, kind: 'content', title, body, notes: 'GEHEIME NOTITIE', minutes: 5, payload: {} });
    const agenda = build().agenda;
    const at = (id: string): number => agenda.findIndex((s) => s.id === id);
    const reordered = build([
      { type: 'step.moved', stepId: `topic-${k1!.id}`, to: at(`topic-${k3!.id}`) },
      { type: 'step.added', index: at(`topic-${k2!.id}`), step: slide('s-mid', 'Intermezzo: wat valt op?', 'Kijk samen naar de scores.') },
    ]);
    const report = sessionReport(reordered);
    const perTopic = report.slice(report.indexOf('## Per kenmerk'));
    const order = [k2, k3, k1, k4].map((t) => perTopic.indexOf(`. ${t!.title}\n`));
    expect(order.every((x) => x > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(report).not.toContain('GEHEIME NOTITIE');
    expect(report).not.toContain('Intermezzo');
    expect(report).toContain('**Gemiddeld:** nu 2,5 · gewenst 4,5 · verschil +2,0 (2 groepen)');
  });
});

describe('report charts (HTML)', () => {
  const charts = (state: SessionState) => (reportHtml(buildSessionReport(state)).match(/<figure/g) ?? []).length;
  const scoredCount = (state: SessionState) => buildSessionReport(state).byGap.filter((t) => t.now !== null || t.want !== null).length;

  it('the summary has an overview chart comparing the scored characteristics, besides each one’s own chart', () => {
    const state = build();
    expect(scoredCount(state)).toBeGreaterThan(1);
    expect(charts(state)).toBe(scoredCount(state) + 1);
  });

  it('with one scored characteristic the summary shows no overview: it would repeat that characteristic’s chart', () => {
    const state = replay(buildEvents().filter((e) => e.type !== 'rating.set' || e.rating.topicId === k1!.id))!;
    expect(scoredCount(state)).toBe(1);
    expect(charts(state)).toBe(1);
  });
});
