/**
 * The one dictionary lookup of the app: `t(lang, key, params)`.
 *
 * Dictionaries are registered in parts, so that a phone does not download the
 * facilitator's strings: the base part is always present; other parts are added with
 * `addMessages` by the code that shows them. Other languages than Dutch start empty: the
 * client loads their parts on demand (client/src/lib/i18n.svelte.ts). The server answers in
 * Dutch only (an Ack's `error`); its `key` lets a client show the message in its own language.
 * A key missing in a language falls back to Dutch, then to the key itself.
 */
import type { Language } from '../constants.ts';
import { nlBase, type NlMessages } from './nl.ts';

export type MessageKey = keyof NlMessages;
/** A part of a dictionary, as passed to `addMessages`. */
export type Part = Partial<Record<MessageKey, string>>;

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
