/** The UI language of this device, and `t()` bound to it. All visible text goes through here. */
import type { Language } from '../../../shared/constants.ts';
import { t as translate, type MessageKey } from '../../../shared/i18n/index.ts';

class I18n {
  lang = $state<Language>('nl');

  t = (key: MessageKey, params?: Readonly<Record<string, string | number>>): string => translate(this.lang, key, params);

  setLanguage(lang: Language): void {
    this.lang = lang;
    document.documentElement.lang = lang;
  }
}

export const i18n = new I18n();
export const t = i18n.t;
