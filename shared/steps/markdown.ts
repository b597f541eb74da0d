/**
 * Text for the organizers' Markdown report (server/export/markdown.ts). Dutch formats: the
 * report is in Dutch.
 *
 * User text is treated as plain text, never as Markdown or HTML: `<` becomes `&lt;`,
 * Markdown punctuation that could start structure (`#`, `-`, `>`, `|`, `1.` …) at the
 * start of a line is backslash-escaped, and inline markers (`*`, `_`, `` ` ``, `[`, `|`,
 * `\`) are escaped everywhere, so an answer renders exactly as typed.
 */

const decimal = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const signedDecimal = new Intl.NumberFormat('nl-NL', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
});

export const DASH = '–';

/** Escapes inline Markdown and HTML in a piece of text; does not handle line starts. */
function escapeInline(text: string): string {
  return neutraliseAutolinks(text.replace(/[\\`*_[\]|]/g, (c) => `\\${c}`).replace(/</g, '&lt;'));
}

/**
 * GitHub-flavoured Markdown (and markdown-it's linkify) turn bare addresses into links:
 * `http://…`, `www.…`, `naam@domein.nl`. A backslash before the `:`, the `.` or the `@`
 * keeps the text as typed when rendered, but splits it so no renderer sees an address.
 */
function neutraliseAutolinks(text: string): string {
  return text
    .replace(/\b(https?|ftp)(:)(?=\/\/)/gi, '$1\\$2')
    .replace(/\b(www)(\.)(?=\S)/gi, '$1\\$2')
    .replace(/(\S)@(?=[\w-]+\.)/g, '$1\\@');
}

/** Escapes a line so that it cannot start a block structure (heading, list, quote, table, fence, HTML, setext underline). */
function escapeLineStart(line: string): string {
  // Leading whitespace could turn a line into an indented code block; it carries no meaning in a report.
  const trimmed = line.replace(/^[ \t]+/, '');
  const ordered = /^(\d{1,9})([.)])/.exec(trimmed);
  if (ordered) return `${ordered[1]}\\${ordered[2]}${trimmed.slice(ordered[0].length)}`;
  if (/^[#\-+=>~]/.test(trimmed)) return `\\${trimmed}`;
  return trimmed;
}

/** Single-line plain text (titles, questions, table cells): whitespace runs, newlines included, become one space. */
export function inline(text: string): string {
  return escapeInline(text.replace(/\s+/g, ' ').trim());
}

/**
 * Multi-line plain text as Markdown lines: each line escaped, a hard line break (trailing
 * backslash) between consecutive lines, blank lines kept as paragraph breaks.
 */
export function blockLines(text: string): string[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => escapeLineStart(escapeInline(l)).trimEnd());
  while (lines.length && lines[0] === '') lines.shift();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  // Collapse runs of blank lines to one.
  const out: string[] = [];
  for (const l of lines) if (!(l === '' && out[out.length - 1] === '')) out.push(l);
  return out.map((l, i) => (l !== '' && out[i + 1] !== undefined && out[i + 1] !== '' ? `${l}\\` : l));
}

/** A bullet item whose continuation lines are indented so they stay inside the item. */
export function bullet(text: string, suffix = ''): string {
  const lines = blockLines(text);
  if (lines.length === 0) lines.push(`_(leeg)_`);
  lines[lines.length - 1] += suffix;
  return lines.map((l, i) => (i === 0 ? `- ${l}` : l === '' ? '' : `  ${l}`)).join('\n');
}

/** An average score, "3,5"; a dash when there is none. */
export const fmt = (n: number | null): string => (n === null ? DASH : decimal.format(n));
/** A difference of averages, "+1,0". */
export const signed = (n: number): string => signedDecimal.format(n);
/** One group's score as given. */
export const score = (n: number | null): string => (n === null ? DASH : String(n));
export const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
