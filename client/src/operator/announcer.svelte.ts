/**
 * Polite, calm announcements for screen-reader users of the facilitator panel. Changes
 * are collected and spoken at most once per few seconds, as one short sentence, so a room
 * of 200 people joining does not become 200 announcements.
 */
import { t } from '../lib/i18n.svelte.ts';

const QUIET_MS = 5000;

export class Announcer {
  /** Bind this to a role="status" region. */
  message = $state('');

  #joined = 0;
  #lines: string[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;

  joined(count: number): void {
    if (count <= 0) return;
    this.#joined += count;
    this.#schedule();
  }

  say(line: string): void {
    if (!this.#lines.includes(line)) this.#lines.push(line);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#timer === null) this.#timer = setTimeout(() => this.flush(), QUIET_MS);
  }

  flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const parts: string[] = [];
    if (this.#joined === 1) parts.push(t('facilitator.announce.joinedOne'));
    else if (this.#joined > 1) parts.push(t('facilitator.announce.joinedMany', { count: this.#joined }));
    // Many groups finishing at once: say how many, not every number.
    if (this.#lines.length > 3) parts.push(t('facilitator.announce.manyDone', { count: this.#lines.length }));
    else parts.push(...this.#lines);
    this.#joined = 0;
    this.#lines = [];
    if (parts.length) this.message = parts.join(' ');
  }

  destroy(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
