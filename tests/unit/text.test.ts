/**
 * Cleaning of typed text (names, answers, takeaways): what the screen and the exports show
 * is what a person could see, without invisible tricks, and real languages and emoji keep
 * working. Table-driven: input → cleaned.
 */
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../shared/text.ts';

const line = (s: string) => cleanText(s, { multiline: false });

describe('cleanText', () => {
  it.each([
    ['zero-width spaces inside a name', 'A\u200B\u200Bdmin', 'Admin'],
    ['word joiner, invisible operators, BOM, Mongolian vowel separator', 'a\u2060b\u2062c\uFEFFd\u180Ee', 'abcde'],
    ['tag characters hiding text', 'hoi\u{E0068}\u{E0069}\u{E0064}\u{E0065}', 'hoi'],
    ['a lone cancel tag', 'x\u{E007F}y', 'xy'],
    ['the flag of Scotland keeps its tag sequence', 'Team \u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}!', 'Team \u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}!'],
    ['a joiner between emoji stays (woman technologist)', '\u{1F469}\u200D\u{1F4BB}', '\u{1F469}\u200D\u{1F4BB}'],
    ['a joiner after an emoji with variation selector stays (rainbow flag)', '\u{1F3F3}\uFE0F\u200D\u{1F308}', '\u{1F3F3}\uFE0F\u200D\u{1F308}'],
    ['a joiner inside a word goes', 'Ad\u200Dmin', 'Admin'],
    ['marks interleaved with joiners are piled and trimmed to two', 'e' + '\u0301\u200D'.repeat(29), '\u00E9\u0301\u0301'],
    ['a non-joiner between Persian letters stays', 'می\u200Cخواهم', 'می\u200Cخواهم'],
    ['a non-joiner at a word edge goes', '\u200Cteam\u200C ', 'team'],
    ['Zalgo: many marks on one letter keep two', 'Z\u0300\u0301\u0302\u0303\u0304', 'Z\u0300\u0301'],
    ['Dutch with diacritics is untouched', 'Coördinatie en één loket', 'Coördinatie en één loket'],
  ])('%s', (_what, input, expected) => {
    expect(line(input)).toBe(expected);
  });
});
