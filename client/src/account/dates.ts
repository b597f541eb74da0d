/** Dates and times in the page's language, e.g. "29 nov. 2026, 14:05". One formatter per language. */
import type { Language } from '../../../shared/constants.ts';

const formatters = new Map<Language, Intl.DateTimeFormat>();

export function formatWhen(at: number, lang: Language): string {
  let f = formatters.get(lang);
  if (!f) formatters.set(lang, (f = new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' })));
  return f.format(at);
}
