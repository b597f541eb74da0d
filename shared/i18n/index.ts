/**
 * The one dictionary lookup of the app: `t(lang, key, params)`.
 *
 * Dictionaries are registered in parts, so that a phone does not download the
 * facilitator's strings: the base part is always present; other parts are added with
 * `addMessages` by the code that shows them (the server adds everything).
 * A key missing in a language falls back to Dutch, then to the key itself.
 */
import type { Language } from '../constants.ts';
import { nlBase, type NlMessages } from './nl.ts';

export type MessageKey = keyof NlMessages;
type Part = Partial<Record<MessageKey, string>>;

const registry: Record<Language, Part> = {
  nl: { ...nlBase },
  en: {},
};

export function addMessages(lang: Language, part: Part): void {
  Object.assign(registry[lang], part);
}

export function hasMessage(lang: Language, key: MessageKey): boolean {
  return registry[lang][key] !== undefined;
}

export function t(lang: Language, key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
  const template = registry[lang][key] ?? registry.nl[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
