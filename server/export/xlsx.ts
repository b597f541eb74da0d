/**
 * The Excel workbook (.xlsx, written with exceljs) of a session's results: what a policy
 * advisor filters, sorts and charts the same day. Sheets:
 *   Samenvatting   – per characteristic discussed: now, wanted, gap, groups; sorted by gap
 *   Kenmerken      – every characteristic in the session, discussed or not, in order
 *   Antwoorden     – one row per answer, score and takeaway (the CSV's rows and header)
 *   Scores         – the ratings in long format: one row per group × characteristic × kind;
 *                    scored per person one row per person × characteristic × kind, with
 *                    the person's group and role (never a name)
 *   Scores per rol – scored per person only: per characteristic and role the means, gap and counts
 *   Groepen        – the groups: size and role mix
 *   Sessie         – the session's details
 * Every sheet: a bold header row, frozen, with filters on. Times are real dates, shown as
 * Dutch time (spreadsheets have no time zones, so the Amsterdam wall clock is written).
 * Text cells are strings (exceljs never writes a string as a formula), so answers that
 * start with `=` stay text. No names or organisations.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { SessionState } from '../../shared/domain/types.ts';
import type { SessionReport } from '../../shared/report/model.ts';
import { csvRows } from './csv.ts';
import { amsterdamWallDate } from './localTime.ts';
import { groupsTable, TEXT } from './reportText.ts';

export type Value = string | number | Date | null;

/**
 * One sheet, written row by row and committed (exceljs's streaming writer: a 2,000-person
 * session's 20,000 rows are not all held as cell objects at once). Columns holding dates get
 * a Dutch date format.
 */
export function addSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, header: readonly string[], rows: readonly Value[][], widths: readonly number[]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const dated = header.map((_, i) => rows.some((r) => r[i] instanceof Date));
  ws.columns = header.map((h, i) => ({ header: h, width: widths[i] ?? 14, ...(dated[i] ? { style: { numFmt: 'dd-mm-yyyy hh:mm' } } : {}) }));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: header.length } };
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.commit();
  for (const r of rows) ws.addRow(r.map((v) => (v === null ? '' : v))).commit();
  ws.commit();
}

const r1 = (n: number | null): number | null => (n === null ? null : Math.round(n * 10) / 10);

/** A streamed workbook made by `fill` (which adds its sheets with addSheet), as the bytes of an .xlsx file. */
export async function writeWorkbook(created: Date, fill: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => void): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Samenspraak';
  wb.created = created;
  fill(wb);
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}

export function reportXlsx(state: SessionState, report: SessionReport): Promise<Buffer> {
  return writeWorkbook(new Date(report.createdAt), (wb) => sessionSheets(wb, state, report));
}

function sessionSheets(wb: ExcelJS.stream.xlsx.WorkbookWriter, state: SessionState, report: SessionReport): void {
  const c = TEXT.columns;

  const perPerson = report.scoring === 'person';
  // Scored per person, one more column: how many people the averages are of.
  addSheet(
    wb,
    'Samenvatting',
    [c.topic, c.now, c.want, c.gap, 'Groepen met score', 'Antwoorden', ...(perPerson ? ['Mensen met score'] : [])],
    report.byGap.map((t) => [
      `${t.number}. ${t.title}`,
      r1(t.now),
      r1(t.want),
      t.gap,
      Math.max(t.groupsNow, t.groupsWant),
      t.answerCount,
      ...(perPerson ? [Math.max(t.peopleNow, t.peopleWant)] : []),
    ]),
    [48, 8, 10, 10, 18, 12, 18],
  );

  const discussed = new Map(report.topics.map((t) => [t.number, t]));
  const all = [...report.topics.map((t) => ({ number: t.number, title: t.title })), ...report.undiscussed].sort((a, b) => a.number - b.number);
  addSheet(
    wb,
    'Kenmerken',
    ['Nummer', c.topic, 'Besproken', c.now, c.want, c.gap, 'Antwoorden opdrachtgevers', 'Antwoorden opdrachtnemers', 'Antwoorden anders'],
    all.map((x) => {
      const t = discussed.get(x.number);
      return [x.number, x.title, t ? 'ja' : 'nee', r1(t?.now ?? null), r1(t?.want ?? null), t?.gap ?? null, t?.answersByRole.opdrachtgever ?? 0, t?.answersByRole.opdrachtnemer ?? 0, t?.answersByRole.anders ?? 0];
    }),
    [8, 48, 10, 8, 10, 10, 14, 14, 14],
  );

  // The CSV's rows (text as typed), the time as a real date (the CSV has it as ISO text with offset).
  const [header, ...rows] = csvRows(state, false);
  const timeColumn = header!.length - 1;
  const answerRows = rows.map((row) =>
    row.map((v, i): Value => {
      if (i !== timeColumn) return v;
      const ms = v === '' ? NaN : Date.parse(String(v));
      return Number.isFinite(ms) ? amsterdamWallDate(ms) : null;
    }),
  );
  addSheet(wb, 'Antwoorden', header!.map(String), answerRows, [30, 10, 8, 11, 36, 40, 60, 9, 12, 15, 10, 18]);

  const scoreRows: Value[][] = [];
  if (perPerson) {
    // One row per person's score: their group and role, never their name.
    for (const t of report.topics) {
      for (const p of t.personScores) {
        const role = p.role ?? '';
        if (p.now !== null) scoreRows.push([p.groupNumber ?? p.groupLabel, `${t.number}. ${t.title}`, role, 'nu', p.now]);
        if (p.want !== null) scoreRows.push([p.groupNumber ?? p.groupLabel, `${t.number}. ${t.title}`, role, 'gewenst', p.want]);
      }
    }
    addSheet(wb, 'Scores', ['Groep', c.topic, c.role, 'Soort', 'Score'], scoreRows, [10, 48, 16, 10, 8]);
    const roleRows: Value[][] = [];
    for (const t of report.topics) {
      for (const r of t.byRole) roleRows.push([`${t.number}. ${t.title}`, r.role, r1(r.now), r1(r.want), r.gap, r.countNow, r.countWant]);
    }
    addSheet(wb, 'Scores per rol', [c.topic, c.role, c.now, c.want, c.gap, 'Mensen nu', 'Mensen gewenst'], roleRows, [48, 16, 8, 10, 10, 12, 16]);
  } else {
    for (const t of report.topics) {
      for (const g of t.groups) {
        if (g.now !== null) scoreRows.push([g.number ?? g.label, `${t.number}. ${t.title}`, 'nu', g.now]);
        if (g.want !== null) scoreRows.push([g.number ?? g.label, `${t.number}. ${t.title}`, 'gewenst', g.want]);
      }
    }
    addSheet(wb, 'Scores', ['Groep', c.topic, 'Soort', 'Score'], scoreRows, [10, 48, 10, 8]);
  }

  // The group's number, not its label: a column of numbers sorts and filters as numbers.
  const groups = groupsTable(report, (g) => g.number);
  addSheet(wb, 'Groepen', groups.header, groups.rows, [10, 10, 16, 16, 10]);

  addSheet(
    wb,
    'Sessie',
    ['Gegeven', 'Waarde'],
    [
      ['Titel', report.title],
      ['Code', report.code],
      ['Gemaakt', amsterdamWallDate(report.createdAt)],
      ['Afgesloten', report.endedAt === null ? '' : amsterdamWallDate(report.endedAt)],
      ['Deelnemers', report.participants],
      ['Opdrachtgevers', report.roles.opdrachtgever],
      ['Opdrachtnemers', report.roles.opdrachtnemer],
      ['Anders', report.roles.anders],
      ['Groepen', report.groups.length],
      ...(perPerson ? [['Scores', 'per persoon']] : []),
      ['Antwoorden', report.answerCount],
      ['Contact', report.contact],
    ],
    [18, 50],
  );
}
