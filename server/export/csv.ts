/**
 * The organizers' CSV download of one session. Pure: state in, file text out.
 *
 * Format: UTF-8 with BOM (so Excel shows ë, é, ’ correctly), comma separated, RFC 4180
 * quoting by csv-stringify, CRLF line endings. The header is stable; organizers script
 * against it:
 *
 *   sessie,code,groep,soort,kenmerk,vraag,tekst,score_nu,score_gewenst,rol,verborgen,tijdstip
 *
 * One row per answer (soort `antwoord`), per rating (soort `score`) and per non-empty
 * takeaway (soort `meenemen`). Data minimisation: the file goes around by email, so it
 * holds no participant names or organisations, only the author's role.
 *
 * Row order (deterministic):
 *   1. by group number (groups no longer in `state.groups` come last, by group id, with
 *      an empty `groep` cell);
 *   2. within a group, by topic in content order (unknown topics after the known ones);
 *      within a topic first its answers, by question order (unknown questions last),
 *      then createdAt, then answer id; then that topic's score row;
 *   3. the group's `meenemen` row closes the group's rows.
 *
 * Formula-injection guard (OWASP "CSV Injection"): every text cell whose first character
 * is `=`, `+`, `-`, `@`, a tab or a carriage return (or the full-width =, +, -, @ that
 * some spreadsheets normalise) gets a `'` prepended. Scores are written as plain numbers.
 */
import { stringify } from 'csv-stringify/sync';
import type { SessionState } from '../../shared/domain/types.ts';

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

/** Prepends `'` to a text cell that a spreadsheet could read as a formula. */
export function guardCell(value: string): string {
  return value.length > 0 && FORMULA_START.has(value[0]!) ? `'${value}` : value;
}

type Cell = string | number;

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

const iso = (ms: number): string => (Number.isFinite(ms) ? new Date(ms).toISOString() : '');

export function sessionCsv(state: SessionState): string {
  const { content } = state;
  const groups = [...state.groups].sort((a, b) => a.number - b.number);
  const groupRank = new Map(groups.map((g, i) => [g.id, i]));
  const groupNumber = new Map(groups.map((g) => [g.id, g.number]));
  const topicRank = new Map(content.topics.map((t, i) => [t.id, i]));
  const topicTitle = new Map(content.topics.map((t) => [t.id, t.title]));
  const questionRank = new Map(content.questions.map((q, i) => [q.id, i]));
  const questionText = new Map(content.questions.map((q) => [q.id, q.text]));

  const UNKNOWN_GROUP = groups.length;
  const UNKNOWN_TOPIC = content.topics.length;
  const TAKEAWAY_SLOT = content.topics.length + 1;
  const UNKNOWN_QUESTION = content.questions.length;

  /** [group rank, group id (orders unknown groups), topic slot, kind (answer 0, score 1), question rank, time, id]. */
  const groupKey = (groupId: string): [number, string] => {
    const rank = groupRank.get(groupId);
    return rank === undefined ? [UNKNOWN_GROUP, groupId] : [rank, ''];
  };
  const groupCell = (groupId: string): Cell => groupNumber.get(groupId) ?? '';

  const row = (
    groupId: string,
    soort: 'antwoord' | 'score' | 'meenemen',
    fields: { kenmerk?: string; vraag?: string; tekst?: string; nu?: number | null; gewenst?: number | null; rol?: string; verborgen?: string; tijdstip: number },
  ): Cell[] => [
    guardCell(content.title),
    guardCell(state.code),
    groupCell(groupId),
    soort,
    guardCell(fields.kenmerk ?? ''),
    guardCell(fields.vraag ?? ''),
    guardCell(fields.tekst ?? ''),
    fields.nu ?? '',
    fields.gewenst ?? '',
    guardCell(fields.rol ?? ''),
    fields.verborgen ?? '',
    iso(fields.tijdstip),
  ];

  const rows: Row[] = [];

  for (const a of Object.values(state.answers)) {
    rows.push({
      key: [...groupKey(a.groupId), topicRank.get(a.topicId) ?? UNKNOWN_TOPIC, 0, questionRank.get(a.questionId) ?? UNKNOWN_QUESTION, a.createdAt, a.id],
      cells: row(a.groupId, 'antwoord', {
        kenmerk: topicTitle.get(a.topicId) ?? '',
        vraag: questionText.get(a.questionId) ?? '',
        tekst: a.text,
        rol: state.participants[a.authorId]?.role ?? '',
        verborgen: a.hidden ? 'ja' : 'nee',
        tijdstip: a.updatedAt,
      }),
    });
  }

  for (const r of Object.values(state.ratings)) {
    rows.push({
      key: [...groupKey(r.groupId), topicRank.get(r.topicId) ?? UNKNOWN_TOPIC, 1, 0, r.updatedAt, r.topicId],
      cells: row(r.groupId, 'score', {
        kenmerk: topicTitle.get(r.topicId) ?? '',
        nu: r.now,
        gewenst: r.want,
        tijdstip: r.updatedAt,
      }),
    });
  }

  for (const t of Object.values(state.takeaways)) {
    if (t.text.trim() === '') continue;
    rows.push({
      key: [...groupKey(t.groupId), TAKEAWAY_SLOT, 0, 0, t.updatedAt, t.groupId],
      cells: row(t.groupId, 'meenemen', { vraag: content.takeawayQuestion, tekst: t.text, tijdstip: t.updatedAt }),
    });
  }

  rows.sort((a, b) => compareKeys(a.key, b.key));

  return (
    BOM +
    stringify([[...CSV_HEADER], ...rows.map((r) => [...r.cells])], {
      record_delimiter: 'windows',
      // With an explicit record_delimiter csv-stringify would only quote cells holding
      // "\r\n"; a bare "\n" or "\r" inside an answer must be quoted too.
      quote_record_delimiter: true,
    })
  );
}
