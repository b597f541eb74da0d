/**
 * The programme view (issue 12) as files: Word (.docx) and Excel (.xlsx), like a session's
 * report, and the JSON the programme page shows. Written in the export worker from the
 * sessions' states: each state becomes its report (shared/report/model.ts), its scores
 * (shared/report/observations.ts), and all of them the programme's insight
 * (shared/report/programme.ts), which has already replaced every small cell by "hidden":
 * what is written here cannot contain a hidden number.
 *
 * Dutch, like the session reports. No names or organisations of participants, no free text.
 */
import { Document, HeadingLevel, Packer, Paragraph, Table, TextRun } from 'docx';
import type { Role } from '../../shared/constants.ts';
import type { SessionState } from '../../shared/domain/types.ts';
import { buildSessionReport } from '../../shared/report/model.ts';
import { sessionObservations } from '../../shared/report/observations.ts';
import { amsterdamDay, buildProgrammeInsight, type Figures, type HiddenCell, type ProgrammeFilters, type ProgrammeInsight, type ProgrammeTopic } from '../../shared/report/programme.ts';
import { distributionChartSvg, scoreChartSvg } from './chart.ts';
import { heading, para, svgImage, table } from './docx.ts';
import type { ProgrammeFormat } from './fileTypes.ts';
import { DASH, gap, longDate, mean, plural, ROLE_LABEL } from './reportText.ts';
import { addSheet, writeWorkbook, type Value } from './xlsx.ts';

/** What the route hands the worker: the programme, the filters, and its sessions' states. */
export interface ProgrammeExportInput {
  readonly name: string;
  readonly filters: ProgrammeFilters;
  /** When the file is made (ms). */
  readonly at: number;
  readonly sessions: readonly { readonly sessionId: string; readonly title: string; readonly state: SessionState }[];
}

/** The programme's sessions (title and date) and its insight under the filters. */
export interface ProgrammeView {
  readonly name: string;
  readonly at: number;
  readonly sessions: readonly { readonly title: string; readonly at: number }[];
  readonly insight: ProgrammeInsight;
}

export function programmeView(input: ProgrammeExportInput): ProgrammeView {
  const observed = input.sessions.map((s) => sessionObservations(s.sessionId, buildSessionReport(s.state)));
  return {
    name: input.name,
    at: input.at,
    sessions: input.sessions.map((s) => ({ title: s.title, at: s.state.createdAt })).sort((a, b) => a.at - b.at),
    insight: buildProgrammeInsight(observed, input.filters),
  };
}

export async function writeProgrammeExport(format: ProgrammeFormat, input: ProgrammeExportInput): Promise<Buffer> {
  const view = programmeView(input);
  switch (format) {
    case 'json':
      return Buffer.from(JSON.stringify(view.insight));
    case 'docx':
      return programmeDocx(view);
    case 'xlsx':
      return programmeXlsx(view);
  }
}

export const PROGRAMME_TEXT = {
  tooLittle: 'te weinig gegevens',
  privacy: (groups: number, people: number) =>
    `Om niemand herkenbaar te maken, tonen we geen cijfers die rusten op minder dan ${groups} groepen of minder dan ${people} mensen. Daar staat “te weinig gegevens”.`,
  summary: 'Waar is het verschil het grootst?',
  summaryIntro: 'Per kenmerk de gemiddelde score van de groepen in alle sessies: hoe het nu is en hoe we het willen (1 tot 5), en het verschil tussen die twee. Het grootste verschil staat bovenaan.',
  perTopic: 'Per kenmerk',
  spread: 'Spreiding van de scores',
  trend: 'Verloop per sessiedatum',
  sessions: 'Sessies in dit programma',
  noScores: 'Nog geen scores in de gekozen periode.',
  allRoles: 'alle rollen',
  wholePeriod: 'alle datums',
  roleRule: 'Bij een rol tellen de groepen waarin iemand met die rol zat, en alleen de mensen met die rol. In sessies waarin ieder een eigen score gaf, tellen alleen de scores van mensen met die rol.',
  columns: { basis: 'Gebaseerd op', topic: 'Kenmerk', sessions: 'Sessies', groups: 'Groepen', people: 'Mensen', now: 'Nu', want: 'Gewenst', gap: 'Verschil', date: 'Datum', score: 'Score', note: 'Toelichting' },
} as const;

const dayText = (day: string): string => longDate(Date.parse(`${day}T12:00:00Z`));

export function periodText(f: ProgrammeFilters): string {
  if (f.from && f.to) return `${dayText(f.from)} tot en met ${dayText(f.to)}`;
  if (f.from) return `vanaf ${dayText(f.from)}`;
  if (f.to) return `tot en met ${dayText(f.to)}`;
  return PROGRAMME_TEXT.wholePeriod;
}
const roleText = (role: Role | null): string => (role ? ROLE_LABEL[role].many : PROGRAMME_TEXT.allRoles);

/** A small heading kept on the page of what follows it (never alone at the bottom of a page). */
const keptHeading = (text: string): Paragraph => new Paragraph({ heading: HeadingLevel.HEADING_4, keepNext: true, children: [new TextRun(text)] });
/** "3 sessies, 6 groepen, 24 mensen": what a figure rests on. */
const basis = (f: Figures): string => `${plural(f.sessions, 'sessie', 'sessies')}, ${plural(f.groups, 'groep', 'groepen')}, ${plural(f.people, 'mens', 'mensen')}`;
const label = (t: ProgrammeTopic): string => `${t.number}. ${t.title}`;
const shown = (c: Figures | HiddenCell): c is Figures => !c.hidden;

function docxFacts(v: ProgrammeView): Paragraph[] {
  const i = v.insight;
  return [
    para(new TextRun(`${i.sessionsIncluded} van ${i.sessionsTotal} sessies · periode: ${periodText(i.filters)} · rol: ${roleText(i.filters.role)} · gemaakt op ${longDate(v.at)}`)),
    para(new TextRun({ text: PROGRAMME_TEXT.privacy(i.minGroups, i.minPeople), italics: true })),
    ...(i.filters.role ? [para(new TextRun({ text: PROGRAMME_TEXT.roleRule, italics: true }))] : []),
  ];
}

function topicDocx(t: ProgrammeTopic): (Paragraph | Table)[] {
  const c = PROGRAMME_TEXT.columns;
  const out: (Paragraph | Table)[] = [heading(label(t), HeadingLevel.HEADING_3)];
  if (!shown(t.cell)) {
    out.push(para(new TextRun(`Te weinig gegevens om te tonen: minder dan 3 groepen of minder dan 5 mensen gaven een score.`)));
    return out;
  }
  const f = t.cell;
  out.push(para(new TextRun(`Nu ${mean(f.now)} · gewenst ${mean(f.want)} · verschil ${gap(f.gap)} · ${basis(f)}`)));
  out.push(keptHeading(PROGRAMME_TEXT.spread));
  const alt = [1, 2, 3, 4, 5].map((s) => `score ${s}: nu ${f.distribution.now[s - 1]}, gewenst ${f.distribution.want[s - 1]}`).join('; ');
  out.push(svgImage(distributionChartSvg(f.distribution.now, f.distribution.want), `Spreiding ${label(t)}`, `Staafdiagram: hoe vaak elke score werd gegeven: ${alt}.`, 420));
  out.push(table([c.score, c.now, c.want], [1, 2, 3, 4, 5].map((s) => [String(s), f.distribution.now[s - 1]!, f.distribution.want[s - 1]!]), 30));
  if (t.trend.length > 1) {
    out.push(keptHeading(PROGRAMME_TEXT.trend));
    out.push(
      table(
        [c.date, c.now, c.want, c.gap, c.basis],
        t.trend.map((p) => (shown(p.cell) ? [dayText(p.date), mean(p.cell.now), mean(p.cell.want), gap(p.cell.gap), basis(p.cell)] : [dayText(p.date), DASH, DASH, DASH, PROGRAMME_TEXT.tooLittle])),
        [26, 12, 14, 14, 34],
        1,
        4,
      ),
    );
  }
  out.push(para());
  return out;
}

export async function programmeDocx(v: ProgrammeView): Promise<Buffer> {
  const c = PROGRAMME_TEXT.columns;
  const i = v.insight;
  const children: (Paragraph | Table)[] = [heading(v.name, HeadingLevel.TITLE), ...docxFacts(v)];
  children.push(heading(PROGRAMME_TEXT.summary, HeadingLevel.HEADING_1), para(new TextRun(PROGRAMME_TEXT.summaryIntro)));
  if (!i.topics.length) children.push(para(new TextRun(PROGRAMME_TEXT.noScores)));
  else {
    children.push(
      table(
        [c.topic, c.gap, c.now, c.want, c.basis],
        i.topics.map((t) => (shown(t.cell) ? [label(t), gap(t.cell.gap), mean(t.cell.now), mean(t.cell.want), basis(t.cell)] : [label(t), DASH, DASH, DASH, PROGRAMME_TEXT.tooLittle])),
        [32, 14, 10, 14, 30],
        1,
        4,
      ),
      para(),
    );
    const scored = i.topics.filter((t) => shown(t.cell) && (t.cell.now !== null || t.cell.want !== null));
    if (scored.length) {
      const rows = scored.map((t) => ({ label: label(t), now: (t.cell as Figures).now, want: (t.cell as Figures).want }));
      const alt = rows.map((r) => `${r.label}: nu ${mean(r.now)}, gewenst ${mean(r.want)}`).join('; ');
      children.push(svgImage(scoreChartSvg(rows), 'Scores per kenmerk', `Staafdiagram per kenmerk, gemiddeld nu en gewenst over de sessies (schaal 1 tot 5): ${alt}.`));
    }
    children.push(heading(PROGRAMME_TEXT.perTopic, HeadingLevel.HEADING_1));
    for (const t of [...i.topics].sort((a, b) => a.number - b.number)) children.push(...topicDocx(t));
  }
  children.push(heading(PROGRAMME_TEXT.sessions, HeadingLevel.HEADING_1));
  for (const s of v.sessions) children.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(`${s.title} (${longDate(s.at)})`)] }));

  const doc = new Document({
    creator: 'Samenspraak',
    title: v.name,
    description: 'Overzicht van een programma van dialoogsessies',
    styles: { default: { document: { run: { font: 'Calibri', size: 22, language: { value: 'nl-NL' } } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

export function programmeXlsx(v: ProgrammeView): Promise<Buffer> {
  const c = PROGRAMME_TEXT.columns;
  const i = v.insight;
  const note = PROGRAMME_TEXT.tooLittle;
  return writeWorkbook(new Date(v.at), (wb) => {
    addSheet(
      wb,
      'Samenvatting',
      [c.topic, c.now, c.want, c.gap, c.sessions, c.groups, c.people, c.note],
      i.topics.map((t): Value[] => (shown(t.cell) ? [label(t), t.cell.now, t.cell.want, t.cell.gap, t.cell.sessions, t.cell.groups, t.cell.people, ''] : [label(t), null, null, null, null, null, null, note])),
      [48, 8, 10, 10, 10, 10, 10, 22],
    );
    const spread: Value[][] = [];
    for (const t of [...i.topics].sort((a, b) => a.number - b.number)) {
      if (!shown(t.cell)) spread.push([label(t), '', null, null, null, null, null, note]);
      else for (const kind of ['now', 'want'] as const) spread.push([label(t), kind === 'now' ? 'nu' : 'gewenst', ...(t.cell as { distribution: Record<typeof kind, readonly number[]> }).distribution[kind], '']);
    }
    addSheet(wb, 'Spreiding', [c.topic, 'Soort', 'Score 1', 'Score 2', 'Score 3', 'Score 4', 'Score 5', c.note], spread, [48, 10, 9, 9, 9, 9, 9, 22]);
    const trend: Value[][] = [];
    for (const t of [...i.topics].sort((a, b) => a.number - b.number)) {
      for (const p of t.trend) {
        const date = new Date(`${p.date}T00:00:00Z`);
        trend.push(shown(p.cell) ? [label(t), date, p.cell.now, p.cell.want, p.cell.gap, p.cell.groups, p.cell.people, ''] : [label(t), date, null, null, null, null, null, note]);
      }
    }
    addSheet(wb, 'Verloop', [c.topic, c.date, c.now, c.want, c.gap, c.groups, c.people, c.note], trend, [48, 12, 8, 10, 10, 10, 10, 22]);
    addSheet(wb, 'Sessies', ['Sessie', c.date], v.sessions.map((s) => [s.title, new Date(`${amsterdamDay(s.at)}T00:00:00Z`)]), [50, 14]);
    addSheet(
      wb,
      'Over',
      ['Gegeven', 'Waarde'],
      [
        ['Programma', v.name],
        ['Sessies', `${i.sessionsIncluded} van ${i.sessionsTotal}`],
        ['Periode', periodText(i.filters)],
        ['Rol', roleText(i.filters.role)],
        ['Gemaakt', longDate(v.at)],
        ['Privacy', PROGRAMME_TEXT.privacy(i.minGroups, i.minPeople)],
        ...(i.filters.role ? [['Hoe geteld', PROGRAMME_TEXT.roleRule]] : []),
      ],
      [14, 90],
    );
  });
}
