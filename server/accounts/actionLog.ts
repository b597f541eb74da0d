/**
 * Every action in a session, with who did it, for the session's log (GET /api/sessions/:id/log).
 * Entries are written in small batches: a facilitator's commands come one by one and each
 * write would otherwise be a disk flush on the main thread. A read flushes first, so a log
 * always shows what happened before it was asked for.
 */
import type { Logger } from '../logger.ts';
import type { AccountStore, ActionEntry } from './types.ts';

/** Who did it: an account, or a link (whoever holds it). */
export type Actor = { readonly accountId: string } | 'link:facilitator' | 'link:screen';

export const actorLabel = (actor: Actor): string => (typeof actor === 'string' ? actor : `account:${actor.accountId}`);

const FLUSH_MS = 250;

export class ActionLog {
  #pending: ActionEntry[] = [];
  #timer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: AccountStore,
    private readonly now: () => number,
    private readonly logger: Logger,
  ) {}

  record(sessionId: string, actor: Actor, action: string): void {
    this.#pending.push({ sessionId, at: this.now(), actor: actorLabel(actor), action });
    this.#timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Writes what is pending; resolves once it is stored. */
  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const batch = this.#pending;
    this.#pending = [];
    this.#flushing = this.#flushing.then(async () => {
      if (batch.length === 0) return;
      try {
        await this.store.appendActions(batch);
      } catch (err) {
        // The log must never break the action it describes.
        this.logger.error({ err, action: 'action-log.write' }, 'action log write failed');
      }
    });
    return this.#flushing;
  }

  async list(sessionId: string, limit = 500): Promise<ActionEntry[]> {
    await this.flush();
    return this.store.listActions(sessionId, limit);
  }

  /** A deleted session: drop what is pending for it. */
  forget(sessionId: string): void {
    this.#pending = this.#pending.filter((e) => e.sessionId !== sessionId);
  }
}
