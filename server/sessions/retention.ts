/**
 * Storage limitation (AVG/GDPR art. 5(1)(e)): sessions older than the retention period are
 * deleted with all their data. Runs at start and then every hour.
 */
import type { Logger } from '../logger.ts';
import type { SessionStore } from '../store/types.ts';

export interface RetentionOptions {
  readonly store: SessionStore;
  readonly logger: Logger;
  readonly now: () => number;
  readonly days: number;
  readonly deleteSession: (sessionId: string) => Promise<void>;
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export async function sweepExpired(opts: RetentionOptions): Promise<string[]> {
  const cutoff = opts.now() - opts.days * DAY;
  const expired = (await opts.store.listSessions()).filter((s) => s.createdAt < cutoff);
  for (const s of expired) await opts.deleteSession(s.id);
  if (expired.length) opts.logger.info({ action: 'retention.sweep', deleted: expired.length, days: opts.days }, 'expired sessions deleted');
  return expired.map((s) => s.id);
}

export interface Retention {
  /** The sweep that ran last (at start, then hourly): the ids it deleted ([] if it failed). */
  readonly lastSweep: Promise<string[]>;
  stop(): void;
}

export function startRetention(opts: RetentionOptions): Retention {
  const run = () =>
    sweepExpired(opts).catch((err: unknown) => {
      opts.logger.error({ err }, 'retention sweep failed');
      return [];
    });
  let lastSweep = run();
  const timer = setInterval(() => {
    lastSweep = run();
  }, HOUR);
  timer.unref();
  return {
    get lastSweep() {
      return lastSweep;
    },
    stop: () => clearInterval(timer),
  };
}
