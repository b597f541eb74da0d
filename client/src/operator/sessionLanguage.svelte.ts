/**
 * The facilitator panel and the shared screen speak the session's language: this follows
 * `settings.language` (also when the facilitator changes it live) and says when the page may
 * show, so it does not appear in one language and then switch to another.
 * Create it while a component initialises (it uses $effect).
 */
import type { Language } from '../../../shared/constants.ts';
import { i18n } from '../lib/i18n.svelte.ts';

export class SessionLanguage {
  readonly #wanted: () => Language | null | undefined;
  /** The first switch to the session's language has finished (shown, or could not be loaded). */
  #settled = $state(false);

  constructor(wanted: () => Language | null | undefined) {
    this.#wanted = wanted;
    $effect(() => {
      const lang = wanted();
      if (!lang) return;
      void i18n.setLanguage(lang).then(() => {
        this.#settled = true;
      });
    });
  }

  /** True once the page can show without a change of language right after. */
  get ready(): boolean {
    const lang = this.#wanted();
    return this.#settled || (lang != null && i18n.lang === lang);
  }
}
