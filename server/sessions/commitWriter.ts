/**
 * Group commit. Commands decided in the same turn of the event loop (across all sessions)
 * are written to the store as one batch, with one flush to disk, instead of one fsync
 * each. Every caller's promise resolves only once its batch is durable, so "acknowledged
 * means on disk" still holds; with hundreds of groups typing, this turns hundreds of
 * fsyncs a second into a few dozen.
 *
 * Batches are written one after another, in enqueue order. The store isolates sessions in a
 * batch: when one session's entries are refused (it was deleted, a duplicate op, ...), only
 * that session's entries are rejected and `onFailure` names it (its in-memory state ran
 * ahead of the disk and must be reloaded); the other sessions' entries are written and
 * acknowledged as usual. If the write as a whole fails, every entry is rejected.
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
  /** Sessions whose entries were not written, each with the reason. */
  readonly onFailure: (failures: ReadonlyMap<string, unknown>) => void;
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
    let failed: ReadonlyMap<string, Error>;
    try {
      ({ failed } = await this.opts.store.appendBatch(live.map((p) => p.entry)));
    } catch (err) {
      this.opts.onFailure(new Map(live.map((p) => [p.entry.sessionId, err])));
      for (const p of live) p.reject(err);
      return;
    }
    // Mark the failed sessions before anyone hears back, so no caller sees their stale state.
    if (failed.size) this.opts.onFailure(failed);
    // In order: publishing and acknowledging follow the order of the commits.
    for (const p of live) {
      const err = failed.get(p.entry.sessionId);
      if (err) p.reject(err);
      else p.resolve();
    }
  }

  /** Resolves when everything enqueued so far has been written (or failed). */
  async drain(): Promise<void> {
    while (this.pending.length || this.scheduled) await new Promise((r) => setImmediate(r));
    await this.writing;
  }
}
