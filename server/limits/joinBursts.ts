/**
 * Many joins to one session from one address in a short time: a room behind one NAT, or a
 * bot farm. The server does not decide which; it tells the session's facilitators ("12
 * aanmeldingen vanaf één adres in de laatste minuut"), with the ids of those participants
 * so the console can mark them, and never the address itself: screens and phones never see
 * an IP address, and the console does not need one. Loopback is not counted (the laptop,
 * the benchmark). Kept in memory only, per session and address, for one window.
 */
import { isLoopback } from './addressLimits.ts';

export interface JoinBurst {
  /** Joins from one address in the last window, this one included. */
  readonly count: number;
  /** Their participant ids (the latest `MAX_IDS`). */
  readonly participantIds: readonly string[];
}

const MAX_IDS = 500;

export class JoinBursts {
  /** sessionId → address → recent joins, oldest first. */
  private readonly bySession = new Map<string, Map<string, { at: number; participantId: string }[]>>();
  /** `${sessionId} ${address}` → when the facilitators were last told. */
  private readonly told = new Map<string, number>();

  constructor(
    private readonly opts: { readonly threshold: number; readonly windowMs: number; readonly tellEveryMs: number } = { threshold: 10, windowMs: 60_000, tellEveryMs: 5_000 },
  ) {}

  /** Counts a join; returns a burst to tell the facilitators about, at most every `tellEveryMs` per address. */
  note(sessionId: string, address: string, participantId: string, now: number): JoinBurst | null {
    if (isLoopback(address)) return null;
    let addresses = this.bySession.get(sessionId);
    if (!addresses) {
      // Bound memory: an attack over many sessions starts the bookkeeping over.
      if (this.bySession.size > 10_000) (this.bySession.clear(), this.told.clear());
      this.bySession.set(sessionId, (addresses = new Map()));
    }
    let joins = addresses.get(address);
    if (!joins) addresses.set(address, (joins = []));
    joins.push({ at: now, participantId });
    while (joins.length && (now - joins[0]!.at > this.opts.windowMs || joins.length > MAX_IDS)) joins.shift();
    if (joins.length < this.opts.threshold) return null;
    const key = `${sessionId} ${address}`;
    const last = this.told.get(key);
    if (last !== undefined && now - last < this.opts.tellEveryMs) return null;
    this.told.set(key, now);
    return { count: joins.length, participantIds: joins.map((j) => j.participantId) };
  }

  /** Forgets a session (deleted). */
  forget(sessionId: string): void {
    this.bySession.delete(sessionId);
  }
}
