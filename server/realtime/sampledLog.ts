/**
 * Log lines for refused packets, sampled. A flood is thousands of refusals a second; a line
 * for each would cost more than the refusal itself (the polling flood stalled the
 * event loop for 1.9 s writing them) and bury everything else. So per reason at most
 * `perSecond` lines are written each second; the rest are counted, and the next line of that
 * reason says how many were left out (`suppressed`). A reason that goes quiet has its count
 * written by the next `flush` (on a timer in the transport, and at shutdown).
 */
import type { Logger } from '../logger.ts';

interface Window {
  start: number;
  written: number;
  suppressed: number;
}

export class SampledLog {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly perSecond = 3,
  ) {}

  /** One refused packet of this reason; `fields` must hold no names, texts or secrets. */
  note(reason: string, fields: Record<string, unknown> = {}): void {
    const now = this.now();
    let w = this.windows.get(reason);
    if (!w) this.windows.set(reason, (w = { start: now, written: 0, suppressed: 0 }));
    if (now - w.start >= 1000) {
      w.start = now;
      w.written = 0;
    }
    if (w.written >= this.perSecond) {
      w.suppressed++;
      return;
    }
    w.written++;
    const suppressed = w.suppressed;
    w.suppressed = 0;
    this.logger.warn({ action: reason, ...fields, ...(suppressed ? { suppressed } : {}) }, 'refused');
  }

  /** Writes the counts of reasons whose last second ended with lines left out (`all`: every reason, at shutdown). */
  flush(all = false): void {
    const now = this.now();
    for (const [reason, w] of this.windows) {
      if (!all && now - w.start < 1000) continue;
      if (w.suppressed) this.logger.warn({ action: reason, suppressed: w.suppressed }, 'refused (not logged one by one)');
      this.windows.delete(reason);
    }
  }
}
