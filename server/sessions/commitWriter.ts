/**
 * Group commit. Commands decided in the same turn of the event loop (across all sessions)
 * are written to the store as one batch, with one flush to disk, instead of one fsync
 * each. Every caller's promise resolves only once its batch is durable, so "acknowledged
 * means on disk" still holds; with hundreds of groups typing, this turns hundreds of
 * fsyncs a second into a few dozen.
 *
 * Batches are written one after another, in enqueue order. If a batch fails, every entry
 * in it is rejected and `onFailure` names the sessions involved (their in-memory state
 * ran ahead of the disk and must be reloaded).
 */
import type { AppendEntry, SessionStore } from '../store/types.ts';

interface Pending {
  readonly entry: AppendEntry;
  /** True when the session this entry came from broke meanwhile: it is refused, not written. */
  readonly stale: () => boolean;
  resolve(): void;
  reject(err: unknown): void;
}

export interface CommitWriterOptions {
  readonly store: SessionStore;
  readonly onFailure: (sessionIds: ReadonlySet<string>, err: unknown) => void;
}

export class CommitWriter {
  private pending: Pending[] = [];
  private scheduled = false;
  /** The batch being written, so the next one waits (an async store may take a while). */
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly opts: CommitWriterOptions) {}

  enqueue(entry: AppendEntry, stale: () => boolean = () => false): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ entry, stale, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the current I/O phase: every message that arrived together lands in one batch.
        setImmediate(() => {
          this.scheduled = false;
          const batch = this.pending;
          this.pending = [];
          this.writing = this.writing.then(() => this.write(batch));
        });
      }
    });
  }

  private async write(batch: Pending[]): Promise<void> {
    const refused = batch.filter((p) => p.stale());
    const live = batch.filter((p) => !p.stale());
    for (const p of refused) p.reject(new Error(`session ${p.entry.sessionId} is being reloaded`));
    if (!live.length) return;
    try {
      await this.opts.store.appendBatch(live.map((p) => p.entry));
    } catch (err) {
      for (const p of live) p.reject(err);
      this.opts.onFailure(new Set(live.map((p) => p.entry.sessionId)), err);
      return;
    }
    // In order: publishing and acknowledging follow the order of the commits.
    for (const p of live) p.resolve();
  }

  /** Resolves when everything enqueued so far has been written (or failed). */
  async drain(): Promise<void> {
    while (this.pending.length || this.scheduled) await new Promise((r) => setImmediate(r));
    await this.writing;
  }
}
