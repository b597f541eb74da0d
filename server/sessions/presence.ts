/**
 * Who is here, per participant, from their sockets. Not persisted: after a restart
 * everyone starts as away until their phone reconnects (which it does by itself).
 *
 * connected ──last socket closes──▶ reconnecting ──grace period──▶ away
 *     ▲                                   │                          │
 *     └────────── a socket connects ◀─────┴──────────────────────────┘
 *
 * "away" ("weg") only tells the facilitator; the participant keeps their group and
 * contributions. Removing someone is a separate, explicit facilitator action.
 */
import type { PresenceChange, PresenceStatus } from '../../shared/protocol/events.ts';

type Presence =
  | { readonly status: 'connected'; readonly sockets: number }
  | { readonly status: 'reconnecting'; readonly since: number; readonly timer: NodeJS.Timeout }
  | { readonly status: 'away'; readonly since: number };

export interface PresenceOptions {
  readonly graceMs: number;
  readonly now: () => number;
  readonly onChange: (sessionId: string, change: PresenceChange) => void;
}

export class PresenceTracker {
  private readonly bySession = new Map<string, Map<string, Presence>>();

  constructor(private readonly opts: PresenceOptions) {}

  private map(sessionId: string): Map<string, Presence> {
    let m = this.bySession.get(sessionId);
    if (!m) this.bySession.set(sessionId, (m = new Map()));
    return m;
  }

  private set(sessionId: string, participantId: string, next: Presence): void {
    const m = this.map(sessionId);
    const prev = m.get(participantId);
    m.set(participantId, next);
    if (prev?.status !== next.status) this.opts.onChange(sessionId, { participantId, status: next.status });
  }

  connected(sessionId: string, participantId: string): void {
    const prev = this.map(sessionId).get(participantId);
    if (prev?.status === 'reconnecting') clearTimeout(prev.timer);
    const sockets = prev?.status === 'connected' ? prev.sockets + 1 : 1;
    this.set(sessionId, participantId, { status: 'connected', sockets });
  }

  disconnected(sessionId: string, participantId: string): void {
    const prev = this.map(sessionId).get(participantId);
    if (prev?.status !== 'connected') return;
    if (prev.sockets > 1) {
      this.map(sessionId).set(participantId, { status: 'connected', sockets: prev.sockets - 1 });
      return;
    }
    const timer = setTimeout(() => this.set(sessionId, participantId, { status: 'away', since: this.opts.now() }), this.opts.graceMs);
    timer.unref();
    this.set(sessionId, participantId, { status: 'reconnecting', since: this.opts.now(), timer });
  }

  statusOf(sessionId: string, participantId: string): PresenceStatus {
    return this.bySession.get(sessionId)?.get(participantId)?.status ?? 'away';
  }

  /** Status of every participant we have seen; anyone else is away. */
  snapshot(sessionId: string): Record<string, PresenceStatus> {
    const out: Record<string, PresenceStatus> = {};
    for (const [id, p] of this.bySession.get(sessionId) ?? []) out[id] = p.status;
    return out;
  }

  forget(sessionId: string, participantId?: string): void {
    const m = this.bySession.get(sessionId);
    if (!m) return;
    const clear = (p: Presence | undefined) => p?.status === 'reconnecting' && clearTimeout(p.timer);
    if (participantId) {
      clear(m.get(participantId));
      m.delete(participantId);
    } else {
      for (const p of m.values()) clear(p);
      this.bySession.delete(sessionId);
    }
  }

  close(): void {
    for (const id of [...this.bySession.keys()]) this.forget(id);
  }
}
