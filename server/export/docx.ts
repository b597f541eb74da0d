/**
 * The Word report (.docx, written with the `docx` package) of a session: what a policy
 * advisor opens, edits and forwards the same day. Same content and order as the Markdown
 * report (server/export/markdown.ts), from the same model: title and facts; the summary
 * table sorted by gap with the now-versus-wanted chart of every characteristic discussed
 * (an image with alt text); per characteristic its averages, its chart, and per group the
 * scores and the answers per question split by role; the characteristics nobody discussed;
 * the takeaways; the groups; the contact.
 *
 * Real headings (Word's navigation pane and screen readers use them), tables with a header
 * row that repeats on every page, Dutch set as the document language. User text is set as
 * text runs, so nothing in it becomes structure. No names or organisations.
 */
import {
  AlignmentType,
  CarriageReturn,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { ROLES, type Role } from '../../shared/constants.ts';
import { byRole, type ReportAnswer, type ReportTopic, type SessionReport } from '../../shared/report/model.ts';
import { scoreChartSvg, svgSize, svgToPng, type ChartRow } from './chart.ts';
import {
  DASH,
  factsLine,
  groupScoreText,
  groupsTable,
  mean,
  roleChartRows,
  roleHeading,
  roleList,
  roleScoreTable,
  summaryHeader,
  summaryRow,
  TEXT,
  answerCountText,
  averagesText,
} from './reportText.ts';

/** Lines of user text as runs with line breaks between them. */
export function textRuns(text: string, options: { italics?: boolean } = {}): TextRun[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, ...options }));
}

export const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ heading: level, children: [new TextRun(text)] });
export const para = (...children: ParagraphChild[]) => new Paragraph({ children, spacing: { after: 120 } });

/**
 * A table with a header row that repeats on every page; the first column takes `firstPct` of
 * the width (or each column its share, given a list). Columns `numericFrom` up to (not
 * including) `numericUntil` are right-aligned.
 */
export function table(header: readonly string[], rows: readonly (string | number)[][], firstPct: number | readonly number[] = 44, numericFrom = 1, numericUntil = Infinity): Table {
  const widths = typeof firstPct === 'number' ? header.map((_, i) => (i === 0 ? firstPct : (100 - firstPct) / Math.max(1, header.length - 1))) : firstPct;
  const cell = (text: string | number, i: number, bold = false) =>
    new TableCell({
      width: { size: widths[i] ?? 10, type: WidthType.PERCENTAGE },
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: [
        new Paragraph({ alignment: i >= numericFrom && i < numericUntil ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text: String(text), bold })] }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((v, i) => cell(v, i)) })),
    ],
  });
}

/** A chart as an inline image, 16 cm wide at most, with alt text. */
function chart(rows: readonly ChartRow[], title: string, description: string): Paragraph {
  return svgImage(scoreChartSvg(rows), title, description);
}

/** An SVG chart as an inline PNG image, `maxWidth` px (600: 16 cm) wide at most, with alt text. */
export function svgImage(svg: string, title: string, description: string, maxWidth = 600): Paragraph {
  const { width, height } = svgSize(svg);
  const shownWidth = Math.min(maxWidth, width);
  return new Paragraph({
    children: [
      new ImageRun({
        type: 'png',
        data: svgToPng(svg),
        transformation: { width: shownWidth, height: Math.round((height * shownWidth) / width) },
        altText: { name: title, title, description },
      }),
    ],
    spacing: { after: 200 },
  });
}

const chartRow = (t: ReportTopic): ChartRow => ({ label: `${t.number}. ${t.title}`, now: t.now, want: t.want });

/** A role's answers to one question: the role as a small heading, each answer a bullet. */
function answerList(role: Role | null, answers: readonly ReportAnswer[]): Paragraph[] {
  return [
    new Paragraph({ children: [new TextRun({ text: roleHeading(role), italics: true })], spacing: { before: 60, after: 20 } }),
    ...answers.map(
      (a) =>
        new Paragraph({
          bullet: { level: 0 },
          children: [...textRuns(a.text), ...(a.hidden ? [new TextRun({ text: ` (${TEXT.hidden})`, italics: true })] : [])],
        }),
    ),
  ];
}

/**
 * A large session's answers to one question, across its groups: per role one paragraph, each
 * answer on its own line as "Groep 3: …". Word's packer spends its time per paragraph and per
 * run: 14,000 answers under 2,800 group headings took 4 s of CPU, like this well under one.
 * Each group's own scores and answers are in the Excel workbook.
 */
function compactQuestion(text: string, answers: readonly { label: string; answer: ReportAnswer }[]): Paragraph[] {
  const out = [new Paragraph({ children: [new TextRun({ text, bold: true })], spacing: { before: 160, after: 60 } })];
  for (const role of [...ROLES, null] as const) {
    const mine = answers.filter((x) => x.answer.role === role);
    if (!mine.length) continue;
    const lines: (string | CarriageReturn)[] = [];
    for (const { label, answer: a } of mine) {
      lines.push(new CarriageReturn(), `${label}: ${a.text.replace(/\s*\r?\n\s*/g, ' / ')}${a.hidden ? ` (${TEXT.hidden})` : ''}`);
    }
    out.push(new Paragraph({ children: [new TextRun({ text: `${roleHeading(role)}:`, italics: true }), new TextRun({ children: lines })], spacing: { after: 80 } }));
  }
  return out;
}

/** "1: 12 groepen · 2: 80 groepen · …" for the scores given (per person: "1: 3 mensen · …"). */
const distribution = (counts: readonly number[], people: boolean): string =>
  counts
    .map((n, i) => (n ? `${i + 1}: ${n} ${people ? (n === 1 ? 'persoon' : 'mensen') : n === 1 ? 'groep' : 'groepen'}` : null))
    .filter(Boolean)
    .join(' · ') || DASH;

/** From this many answers on, a characteristic's answers are listed per question and role across the groups (compactQuestion). */
const COMPACT_FROM = 2_000;

function topicBlocks(t: ReportTopic, compact: boolean, questionOrder: readonly string[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [heading(`${t.number}. ${t.title}`, HeadingLevel.HEADING_3)];
  if (t.description.trim()) out.push(para(...textRuns(t.description, { italics: true })));
  out.push(
    para(
      new TextRun({ text: `${TEXT.average}: `, bold: true }),
      new TextRun(averagesText(t)),
    ),
  );
  const perPerson = t.byRole.length > 0;
  if (perPerson) {
    // Scored per person: the scores per role as a table, then the same as bars (everyone first).
    const { header, rows } = roleScoreTable(t);
    out.push(heading(TEXT.byRole, HeadingLevel.HEADING_4), para(new TextRun(TEXT.byRoleIntro)), table(header, rows, 32), para());
    const bars = roleChartRows(t);
    if (!compact) out.push(chart(bars, `Scores ${t.number}. ${t.title}`, TEXT.chartAltRoles(t.title, bars)));
  } else if (!compact && (t.now !== null || t.want !== null)) {
    // A large session's report is long already: its characteristics' bars are in the summary chart.
    out.push(chart([chartRow(t)], `Scores ${t.number}. ${t.title}`, TEXT.chartAlt(t.title, mean(t.now), mean(t.want))));
  }
  if (t.answerCount > 0) out.push(para(new TextRun(answerCountText(t))));
  if (compact) {
    const who = perPerson ? 'Scores van de mensen' : 'Scores van de groepen';
    out.push(para(new TextRun(`${who}, nu: ${distribution(t.distribution.now, perPerson)}. Gewenst: ${distribution(t.distribution.want, perPerson)}.`)));
    const byQuestion = new Map<string, { text: string; answers: { label: string; answer: ReportAnswer }[] }>();
    for (const g of t.groups) {
      for (const q of g.questions) {
        let entry = byQuestion.get(q.id);
        if (!entry) byQuestion.set(q.id, (entry = { text: q.text, answers: [] }));
        for (const a of q.answers) entry.answers.push({ label: g.label, answer: a });
      }
    }
    for (const q of [...questionOrder, ''].map((id) => byQuestion.get(id)).filter((x) => x !== undefined)) out.push(...compactQuestion(q.text, q.answers));
    return out;
  }
  for (const g of t.groups) {
    out.push(heading(g.label, HeadingLevel.HEADING_4));
    out.push(para(new TextRun(groupScoreText(g))));
    for (const q of g.questions) {
      out.push(new Paragraph({ children: [new TextRun({ text: q.text, bold: true })], spacing: { before: 160, after: 60 } }));
      for (const part of byRole(q.answers)) out.push(...answerList(part.role, part.answers));
    }
  }
  return out;
}

export async function reportDocx(r: SessionReport): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    heading(r.title || TEXT.untitled, HeadingLevel.TITLE),
    para(new TextRun(factsLine(r))),
    para(new TextRun(`${TEXT.roles}: ${roleList(r.roles)}`)),
  ];
  if (r.topics.length) {
    children.push(heading(TEXT.summary, HeadingLevel.HEADING_1), para(new TextRun(r.scoring === 'person' ? TEXT.summaryIntroPerson : TEXT.summaryIntro)));
    children.push(table(summaryHeader(r), r.byGap.map((t) => summaryRow(r, t))), para());
    const scored = r.byGap.filter((t) => t.now !== null || t.want !== null);
    // The overview compares characteristics: one alone would repeat its own chart under "Per kenmerk".
    if (scored.length > 1) {
      const alt = scored.map((t) => `${t.number}. ${t.title}: nu ${mean(t.now)}, gewenst ${mean(t.want)}`).join('; ');
      children.push(chart(scored.map(chartRow), 'Scores per kenmerk', `Staafdiagram per kenmerk, gemiddeld nu en gewenst (schaal 1 tot 5): ${alt}.`));
    }
    children.push(heading(TEXT.perTopic, HeadingLevel.HEADING_1));
    const compact = r.answerCount >= COMPACT_FROM;
    const questionOrder = r.questions.map((q) => q.id);
    for (const t of r.topics) children.push(...topicBlocks(t, compact, questionOrder));
  }
  if (r.undiscussed.length) {
    children.push(heading(TEXT.undiscussed, HeadingLevel.HEADING_1), para(new TextRun(TEXT.undiscussedIntro)));
    for (const u of r.undiscussed) children.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(`${u.number}. ${u.title}`)] }));
  }
  if (r.takeaways.length) {
    children.push(heading(r.takeawayQuestion.trim() || TEXT.takeawayFallback, HeadingLevel.HEADING_1));
    for (const t of r.takeaways) children.push(heading(t.label, HeadingLevel.HEADING_3), para(...textRuns(t.text)));
  }
  if (r.groups.length) {
    const groups = groupsTable(r);
    children.push(
      heading(TEXT.groups, HeadingLevel.HEADING_1),
      // The role columns wide enough for "Opdrachtgevers" in bold, which broke mid-word at a fifth of the page each.
      table(groups.header, groups.rows, [14, 14, 25, 26, 21]),
    );
  }
  if (r.contact.trim()) children.push(para(), para(new TextRun(TEXT.contact(r.contact))));

  const doc = new Document({
    creator: 'Samenspraak',
    title: r.title,
    description: 'Verslag van een dialoogsessie',
    styles: { default: { document: { run: { font: 'Calibri', size: 22, language: { value: 'nl-NL' } } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
