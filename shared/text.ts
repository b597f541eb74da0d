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
// Invisible characters that only hide things ("A\u200B\u200Bdmin" looks like "Admin"): zero-width
// space, word joiner and invisible operators, the byte-order mark, the Mongolian vowel separator.
const INVISIBLES = /[\u200B\u2060-\u2064\uFEFF\u180E]/g;
// Tag characters are only real inside an emoji tag sequence (the flags of Scotland, Wales, England).
const TAG_SEQUENCE = /\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F}/gu;
const TAGS = /[\u{E0000}-\u{E007F}]/gu;
// A zero-width joiner belongs between two emoji (👩‍💻); a non-joiner between two letters (Persian).
// Anywhere else they hide marks from the pile rule above or split a word invisibly.
const STRAY_ZWJ = /(?<!\p{Extended_Pictographic}\uFE0F?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
const STRAY_ZWNJ = /(?<!\p{L}\p{M}*)\u200C|\u200C(?!\p{L})/gu;

/** Removes tag characters outside emoji tag sequences (kept whole). */
function dropTags(s: string): string {
  if (!TAGS.test(s)) return s;
  TAGS.lastIndex = 0;
  const kept: string[] = [];
  const marked = s.replace(TAG_SEQUENCE, (seq) => {
    kept.push(seq);
    return '\u0000';
  });
  // \u0000 cannot be in the text any more here: CONTROLS removed it before this runs.
  let i = 0;
  return marked.replace(TAGS, '').replace(/\u0000/g, () => kept[i++] ?? '');
}

export interface CleanOptions {
  readonly multiline: boolean;
}

export function cleanText(input: string, { multiline }: CleanOptions): string {
  let s = input.replace(LONE_SURROGATES, '\uFFFD').normalize('NFC');
  s = s.replace(BIDI_CONTROLS, '').replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(CONTROLS, '');
  s = dropTags(s.replace(INVISIBLES, '')).replace(STRAY_ZWJ, '').replace(STRAY_ZWNJ, '');
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
