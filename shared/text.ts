/**
 * Cleaning of user-typed text before it is stored or shown. Applied by the server
 * schemas (the authority) and usable by the client to preview the same result.
 */

const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// C0 and C1 control characters except tab and newline.
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// Lone UTF-16 surrogates cannot be encoded as UTF-8: replace them.
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// "Zalgo" text stacks dozens of combining marks on one letter; two are enough for any real language.
const MARK_PILES = /(\p{M}{2})\p{M}+/gu;

export interface CleanOptions {
  readonly multiline: boolean;
}

export function cleanText(input: string, { multiline }: CleanOptions): string {
  let s = input.replace(LONE_SURROGATES, '\uFFFD').normalize('NFC');
  s = s.replace(BIDI_CONTROLS, '').replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(CONTROLS, '');
  s = s.replace(MARK_PILES, '$1');
  if (!multiline) s = s.replace(/\s+/g, ' ');
  else s = s.replace(/\n{3,}/g, '\n\n');
  return s.trim();
}

/** Length as a person counts it: code points, not UTF-16 units. */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Join codes are read aloud and typed on phones: accept lower case, spaces, dashes and look-alikes. */
export function normaliseJoinCode(raw: string): string {
  return raw
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
    .replace(/U/g, 'V');
}
