/**
 * The organizers' CSV download of one session. Pure: state in, file text out.
 *
 * Two flavours (`CsvFlavour`), both RFC 4180 quoting by csv-stringify and CRLF line endings:
 *   - 'plain': comma separated, no BOM, for scripts (GET …/export.csv);
 *   - 'excel-nl': semicolon separated with a UTF-8 BOM, which is what Dutch Excel opens as
 *     columns with ë, é, ’ intact (GET …/export.csv?flavour=excel-nl).
 * Times are Europe/Amsterdam with their offset ("2026-11-22T10:00:00+01:00"). The header is
 * stable; organizers script against it:
 *
 *   sessie,code,groep,soort,kenmerk,vraag,tekst,score_nu,score_gewenst,rol,verborgen,tijdstip
 *
 * One row per answer (soort `antwoord`), per rating (soort `score`) and per non-empty
 * takeaway (soort `meenemen`). Scored per person ("scores per persoon"), a group's `score`
 * row holds its members' mean (one decimal) and each member's own score follows it as a
 * `score_persoon` row with their role. Data minimisation: the file goes around by email, so it
 * holds no participant names or organisations, only the author's role.
 *
 * The rows come from the kinds of step (shared/steps/<kind>: `exportRows`), in the order of
 * the agenda (see exportSteps for data no step covers). Row order (deterministic):
 *   1. by group number (groups no longer in `state.groups` come last, by group id, with
 *      an empty `groep` cell);
 *   2. within a group, by the step's place in the agenda: topic steps (topics without a
 *      step right after the last topic step), within a topic first its answers, by
 *      question order (unknown questions last), then createdAt, then answer id; then that
 *      topic's score row (and its score_persoon rows, by time);
 *   3. the takeaway step's `meenemen` row.
 *
 * Formula-injection guard (OWASP "CSV Injection"): every text cell whose first character
 * is `=`, `+`, `-`, `@`, a tab or a carriage return (or the full-width =, +, -, @ that
 * some spreadsheets normalise) gets a `'` prepended, and so does every such character right
 * after a `;`, `,`, tab or line break inside a cell (see guardCell). Scores are written as
 * plain numbers.
 */
import { stringify } from 'csv-stringify/sync';
import { exportSteps } from '../../shared/domain/agenda.ts';
import type { SessionState } from '../../shared/domain/types.ts';
import { kindOf, type ExportRow } from '../../shared/steps/index.ts';
import { amsterdamIso } from './localTime.ts';

export const CSV_HEADER = [
  'sessie',
  'code',
  'groep',
  'soort',
  'kenmerk',
  'vraag',
  'tekst',
  'score_nu',
  'score_gewenst',
  'rol',
  'verborgen',
  'tijdstip',
] as const;

const BOM = '\uFEFF';

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/**
 * A formula character right after a separator or a line break: Dutch Excel splits a CSV on
 * `;` (so `x;=1+1` gives a cell `=1+1`), and a reader that does not follow quotes across
 * lines starts a new row at a newline inside a cell.
 */
const FORMULA_AFTER_BREAK = /([;,\t\r\n])(?=[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/g;

/**
 * Prepends `'` to a text cell that a spreadsheet could read as a formula, and puts one before
 * every formula character that follows a `;`, `,`, tab or line break inside it, so no way of
 * splitting the file gives a cell that starts with a formula.
 */
export function guardCell(value: string): string {
  const inner = value.replace(FORMULA_AFTER_BREAK, "$1'");
  return inner.length > 0 && FORMULA_START.has(inner[0]!) ? `'${inner}` : inner;
}

export type Cell = string | number;

interface Row {
  /** Sort key, compared element by element. */
  readonly key: readonly (number | string)[];
  readonly cells: readonly Cell[];
}

const compareKeys = (a: readonly (number | string)[], b: readonly (number | string)[]): number => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
};

export const CSV_FLAVOURS = ['plain', 'excel-nl'] as const;
export type CsvFlavour = (typeof CSV_FLAVOURS)[number];

/**
 * The rows of the CSV (header first), as cells; also the Excel workbook's answers sheet,
 * which passes `guard: false` (an .xlsx text cell is never a formula, so the text stays as typed).
 */
export function csvRows(state: SessionState, guard = true): Cell[][] {
  const guardCellIf = guard ? guardCell : (v: string) => v;
  const groups = [...state.groups].sort((a, b) => a.number - b.number);
  const groupRank = new Map(groups.map((g, i) => [g.id, i]));
  const groupNumber = new Map(groups.map((g) => [g.id, g.number]));
  const UNKNOWN_GROUP = groups.length;

  /** [group rank, group id (orders unknown groups)]. */
  const groupKey = (groupId: string): [number, string] => {
    const rank = groupRank.get(groupId);
    return rank === undefined ? [UNKNOWN_GROUP, groupId] : [rank, ''];
  };

  const cells = (r: ExportRow): Cell[] => [
    guardCellIf(state.content.title),
    guardCellIf(state.code),
    groupNumber.get(r.groupId) ?? '',
    r.soort,
    guardCellIf(r.kenmerk ?? ''),
    guardCellIf(r.vraag ?? ''),
    guardCellIf(r.tekst ?? ''),
    r.nu ?? '',
    r.gewenst ?? '',
    guardCellIf(r.rol ?? ''),
    r.verborgen ?? '',
    amsterdamIso(r.tijdstip),
  ];

  // Each kind of step writes its own rows (shared/steps/<kind>); ordered by group, then agenda position.
  const rows: Row[] = [];
  exportSteps(state).forEach((step, position) => {
    for (const r of kindOf(step).exportRows?.(state, step.payload) ?? []) {
      rows.push({ key: [...groupKey(r.groupId), position, ...r.order], cells: cells(r) });
    }
  });

  rows.sort((a, b) => compareKeys(a.key, b.key));
  return [[...CSV_HEADER], ...rows.map((r) => [...r.cells])];
}

export function sessionCsv(state: SessionState, flavour: CsvFlavour = 'plain'): string {
  return (
    (flavour === 'excel-nl' ? BOM : '') +
    stringify(csvRows(state), {
      delimiter: flavour === 'excel-nl' ? ';' : ',',
      record_delimiter: 'windows',
      // With an explicit record_delimiter csv-stringify would only quote cells holding
      // "\r\n"; a bare "\n" or "\r" inside an answer must be quoted too.
      quote_record_delimiter: true,
    })
  );
}
