/** The one dictionary lookup of the app: `t(lang, key, params)`. */
import type { Language } from '../constants.ts';
import { nl, type Dictionary } from './nl.ts';

export type MessageKey = keyof typeof nl;

const dictionaries: Record<Language, Dictionary> = {
  nl,
  // English arrives with issue 4; until then it falls back to Dutch key by key.
  en: nl,
};

export function t(lang: Language, key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
  const template = dictionaries[lang][key] ?? nl[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
