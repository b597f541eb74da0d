/**
 * "Vorige / volgende pagina" for the projector, from the console. Not a session command:
 * which page a screen shows is the screen's own clock (screen/rotation.svelte.ts), nothing
 * is stored, and the server only relays it to the session's screens. Sent once, never
 * retried: a retry that did arrive twice would turn two pages.
 */
import type { ScreenPagePayload } from '../../../shared/protocol/schemas.ts';
import { NO_ANSWER, request, type AppSocket } from '../lib/socket.ts';
import { NO_ANSWER_ACK, type CommandAck } from './operatorSession.svelte.ts';

export type PageStep = ScreenPagePayload['step'];

export class ScreenRemote {
  readonly #socket: AppSocket;

  constructor(socket: AppSocket) {
    this.#socket = socket;
  }

  /** Console: turn the page on every screen of the session. */
  async turn(step: PageStep): Promise<CommandAck> {
    const ack = await request(this.#socket, 'screen:page', { step });
    return ack === NO_ANSWER ? NO_ANSWER_ACK : ack;
  }

  /** Screen: `fn` runs for each page turn the console sends; returns the stop. */
  onTurn(fn: (step: PageStep) => void): () => void {
    const listener = (message: ScreenPagePayload) => fn(message.step);
    this.#socket.on('screen:page', listener);
    return () => void this.#socket.off('screen:page', listener);
  }
}
