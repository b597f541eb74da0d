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

/** Commits resolved (published and acknowledged) per turn of the event loop; see write(). */
const RESOLVE_SLICE = 100;

export interface CommitWriterOptions {
  readonly store: SessionStore;
  /** Sessions whose entries were not written, each with the reason. */
  readonly onFailure: (failures: ReadonlyMap<string, unknown>) => void;
}

export class CommitWriter {
  private pending: Pending[] = [];
  private scheduled = false;
  /** The batch being written; while it is, new entries wait in `pending` for the next one. */
  private writing: Promise<void> | null = null;

  constructor(private readonly opts: CommitWriterOptions) {}

  enqueue(entry: AppendEntry, stale: () => boolean = () => false): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ entry, stale, resolve, reject });
      this.schedule();
    });
  }

  /**
   * After the current I/O phase, every message that arrived together lands in one batch. While
   * a batch is being written (in the store's own thread, or over the network), everything that
   * arrives meanwhile waits and goes out as the next single batch: one flush for all of it,
   * however many turns of the event loop it came in, so the disk's flush rate never becomes
   * the rate of commits.
   */
  private schedule(): void {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const batch = this.pending;
      this.pending = [];
      this.writing = this.write(batch).finally(() => {
        this.writing = null;
        if (this.pending.length) this.schedule();
      });
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
    // In order: publishing and acknowledging follow the order of the commits. A slice per turn
    // of the event loop: each resolved commit is published and acknowledged at once (~150 µs),
    // and a burst's batch of 1,700 commits held the event loop for a quarter of a second, while
    // the messages that arrived meanwhile piled up into the next huge batch. The next batch is
    // written only after the last slice, so the order holds across batches too.
    for (let i = 0; i < live.length; i++) {
      if (i > 0 && i % RESOLVE_SLICE === 0) await new Promise((r) => setImmediate(r));
      const p = live[i]!;
      const err = failed.get(p.entry.sessionId);
      if (err) p.reject(err);
      else p.resolve();
    }
  }

  /** Resolves when everything enqueued so far has been written (or failed). */
  async drain(): Promise<void> {
    while (this.pending.length || this.scheduled || this.writing) {
      if (this.writing) await this.writing;
      else await new Promise((r) => setImmediate(r));
    }
  }
}
