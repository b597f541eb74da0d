/**
 * What the facilitator page and the screen page share: one OperatorSession for the page's
 * lifetime, and the session's language. Create it while a component initialises.
 */
import { untrack } from 'svelte';
import type { OperatorRole } from '../../../shared/protocol/events.ts';
import { OperatorSession } from './operatorSession.svelte.ts';
import { SessionLanguage } from './sessionLanguage.svelte.ts';

export class OperatorPage {
  session = $state.raw<OperatorSession | null>(null);
  /** This page speaks the session's language (the facilitator sets it; it can change live). */
  readonly language: SessionLanguage;

  constructor(link: () => { sessionId: string; secret: string }, as: OperatorRole) {
    $effect(() => {
      const s = untrack(() => new OperatorSession({ ...link(), as }));
      this.session = s;
      return () => s.destroy();
    });
    this.language = new SessionLanguage(() => this.session?.state?.settings.language);
  }
}
