/**
 * What the facilitator page and the screen page share: one OperatorSession for the page's
 * lifetime, the projector's page turns on the same connection, and the session's language.
 * Create it while a component initialises.
 */
import { untrack } from 'svelte';
import type { OperatorRole } from '../../../shared/protocol/events.ts';
import { openSocket } from '../lib/socket.ts';
import { OperatorSession } from './operatorSession.svelte.ts';
import { ScreenRemote } from './screenRemote.ts';
import { SessionLanguage } from './sessionLanguage.svelte.ts';

export class OperatorPage {
  session = $state.raw<OperatorSession | null>(null);
  /** "Vorige / volgende pagina" for the projector: sent by the console, followed by the screen. */
  screens = $state.raw<ScreenRemote | null>(null);
  /** This page speaks the session's language (the facilitator sets it; it can change live). */
  readonly language: SessionLanguage;

  constructor(link: () => { sessionId: string; secret: string }, as: OperatorRole) {
    $effect(() => {
      const s = untrack(() => {
        const { sessionId, secret } = link();
        const socket = openSocket({ sessionId, secret, as });
        this.screens = new ScreenRemote(socket);
        return new OperatorSession({ sessionId, secret, as, socket });
      });
      this.session = s;
      // Closes the connection, and with it the page turns' listener.
      return () => s.destroy();
    });
    this.language = new SessionLanguage(() => this.session?.state?.settings.language);
  }
}
