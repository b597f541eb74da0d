/**
 * Who has unsent text: per participant the number of answers typed on their phone but not
 * added, as the phone last reported it (`drafts:report`), and per group how many members
 * have any. Kept beside presence and, like presence, not persisted: after a restart every
 * phone reports again when it reconnects.
 *
 * Each report updates one or two group counters (O(1)); the facilitators get only the
 * groups whose count changed. A phone reports again when its group changes, which moves
 * its mark from the old group to the new one.
 */
import type { UnsentChange } from '../../shared/protocol/unsent.ts';

interface Entry {
  readonly groupId: string | null;
  readonly count: number;
}

interface SessionUnsent {
  readonly byParticipant: Map<string, Entry>;
  /** groupId → members with count > 0 (groups at 0 are absent). */
  readonly byGroup: Map<string, number>;
}

export class UnsentDrafts {
  readonly #bySession = new Map<string, SessionUnsent>();

  constructor(private readonly onChange: (sessionId: string, changes: readonly UnsentChange[]) => void) {}

  #session(sessionId: string): SessionUnsent {
    let s = this.#bySession.get(sessionId);
    if (!s) this.#bySession.set(sessionId, (s = { byParticipant: new Map(), byGroup: new Map() }));
    return s;
  }

  #bump(s: SessionUnsent, groupId: string | null, by: 1 | -1, touched: Set<string>): void {
    if (groupId === null) return;
    const n = (s.byGroup.get(groupId) ?? 0) + by;
    if (n > 0) s.byGroup.set(groupId, n);
    else s.byGroup.delete(groupId);
    touched.add(groupId);
  }

  #emit(sessionId: string, s: SessionUnsent, touched: Set<string>): void {
    if (touched.size === 0) return;
    this.onChange(
      sessionId,
      [...touched].map((groupId) => ({ groupId, members: s.byGroup.get(groupId) ?? 0 })),
    );
  }

  /** A phone's report: `count` drafts, while its person is in `groupId`. */
  report(sessionId: string, participantId: string, groupId: string | null, count: number): void {
    const s = this.#session(sessionId);
    const prev = s.byParticipant.get(participantId);
    const had = prev !== undefined && prev.count > 0;
    const has = count > 0;
    const touched = new Set<string>();
    if (had && (!has || prev.groupId !== groupId)) this.#bump(s, prev.groupId, -1, touched);
    if (has && (!had || prev.groupId !== groupId)) this.#bump(s, groupId, 1, touched);
    if (has) s.byParticipant.set(participantId, { groupId, count });
    else s.byParticipant.delete(participantId);
    this.#emit(sessionId, s, touched);
  }

  /** groupId → members with unsent text, for an operator's snapshot. */
  snapshot(sessionId: string): Record<string, number> {
    return Object.fromEntries(this.#bySession.get(sessionId)?.byGroup ?? []);
  }

  /** A participant left (removed), or the whole session is gone. */
  forget(sessionId: string, participantId?: string): void {
    if (participantId === undefined) {
      this.#bySession.delete(sessionId);
      return;
    }
    const s = this.#bySession.get(sessionId);
    if (s?.byParticipant.has(participantId)) this.report(sessionId, participantId, null, 0);
  }
}
