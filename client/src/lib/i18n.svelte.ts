/**
 * The UI language of this device, and `t()` bound to it. All visible text goes through here.
 *
 * Dutch is always there (its base part ships with the app shell). Any other language is
 * loaded when it is first chosen: `setLanguage('en')` imports the English base part
 * (common, errors, participant) and every further English part a page registered with
 * `registerPart` (the operator pages register en/operator.ts, the statement page en/info.ts),
 * adds them to the dictionary and only then switches `lang`, so every component re-renders
 * at once in the new language, with no moment of missing keys. A phone that stays in Dutch
 * never downloads any English.
 *
 * Who decides the language:
 * - a phone: the language this device chose itself (`choose`, remembered in localStorage)
 *   wins; otherwise the session's language (`followSession`);
 * - the facilitator panel and the shared screen: the session's language (`setLanguage`);
 * - the create page: the language picked for the new session (`setLanguage`).
 */
import { LANGUAGES, type Language } from '../../../shared/constants.ts';
import { addMessages, t as translate, type MessageKey, type Part } from '../../../shared/i18n/index.ts';
import { readJson, writeJson } from './storage.ts';

/** localStorage key of the language this device chose itself. */
export const DEVICE_LANGUAGE_KEY = 'samenspraak:taal';

export type PartLoader = () => Promise<Part>;

const isLanguage = (v: unknown): v is Language => LANGUAGES.some((l) => l === v);

const readDeviceChoice = (): Language | null => readJson(DEVICE_LANGUAGE_KEY, isLanguage);

/** Per language, the parts to load before showing it. Dutch parts are added synchronously (addMessages). */
const parts: Record<Language, Map<string, PartLoader>> = {
  nl: new Map(),
  en: new Map([['base', () => import('../../../shared/i18n/en.ts').then((m) => m.enBase)]]),
};
const loaded = new Set<string>();
const pending = new Map<string, Promise<void>>();
/** The language last asked for (plain, not reactive: safe to read inside effects). */
let target: Language = 'nl';
let latest = 0;

class I18n {
  /** The language shown. Changes only once all its registered parts are loaded. */
  lang = $state<Language>('nl');
  /** The language this device chose itself (the phone's toggle), or null: then the session decides. */
  deviceChoice = $state<Language | null>(readDeviceChoice());
  /** Bumped when messages arrive, so text that fell back to Dutch re-renders. */
  version = $state(0);

  t = (key: MessageKey, params?: Readonly<Record<string, string | number>>): string => {
    void this.version;
    return translate(this.lang, key, params);
  };

  /**
   * Shows `lang` as soon as all its parts are loaded (at once when they are). Resolves true
   * when shown; false when a later call superseded this one, or when loading failed (no
   * network): the page then stays in the language it had.
   */
  setLanguage(lang: Language): Promise<boolean> {
    target = lang;
    return apply(lang, ++latest);
  }

  /** The phone's own choice: remembered on this device, and it wins over the session's language. */
  choose(lang: Language): Promise<boolean> {
    writeJson(DEVICE_LANGUAGE_KEY, lang);
    this.deviceChoice = lang;
    return this.setLanguage(lang);
  }

  /** Applies the language this device chose earlier, if any. */
  applyDeviceChoice(): Promise<boolean> {
    const choice = readDeviceChoice();
    this.deviceChoice = choice;
    return choice ? this.setLanguage(choice) : Promise.resolve(true);
  }

  /** The session's language, for a phone: applied unless this device chose a language itself. */
  followSession(lang: Language | null | undefined): Promise<boolean> {
    if (!lang || readDeviceChoice()) return Promise.resolve(false);
    return this.setLanguage(lang);
  }

  /**
   * Registers a further part of a language (the operator's or the statement's strings), to be
   * loaded with that language. Call it when the page's module loads, before it renders.
   */
  registerPart(lang: Language, name: string, load: PartLoader): void {
    if (parts[lang].has(name)) return;
    parts[lang].set(name, load);
    // That language is already shown or on its way: fetch the new part too.
    if (target === lang && lang !== 'nl') void this.setLanguage(lang);
  }

  /** Resolves when the language asked for last is shown with all its parts (or could not be loaded). */
  async ready(): Promise<void> {
    await this.setLanguage(target);
  }
}

export const i18n = new I18n();
export const t = i18n.t;

function apply(lang: Language, request: number): Promise<boolean> {
  if (request !== latest) return Promise.resolve(false);
  const missing = [...parts[lang]].filter(([name]) => !loaded.has(`${lang}:${name}`));
  if (missing.length === 0) {
    show(lang);
    return Promise.resolve(true);
  }
  return Promise.all(missing.map(([name, load]) => loadPart(lang, name, load))).then(
    // Parts registered meanwhile are picked up by the next round.
    () => apply(lang, request),
    () => {
      if (request === latest) target = i18n.lang;
      return false;
    },
  );
}

function loadPart(lang: Language, name: string, load: PartLoader): Promise<void> {
  const id = `${lang}:${name}`;
  let p = pending.get(id);
  if (!p) {
    p = load()
      .then((part) => {
        addMessages(lang, part);
        loaded.add(id);
        i18n.version += 1;
      })
      .finally(() => pending.delete(id));
    pending.set(id, p);
  }
  return p;
}

function show(lang: Language): void {
  // Assigning the same value does not notify anyone; not reading `lang` keeps callers' effects free of it.
  i18n.lang = lang;
  if (typeof document !== 'undefined' && document.documentElement.lang !== lang) document.documentElement.lang = lang;
}
