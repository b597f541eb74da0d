/**
 * The answers of a session, indexed by group, topic and question, kept up to date event by
 * event. The facilitator console used to regroup every answer on every new answer (with
 * 14,000 answers a 29 s freeze); with this index an answer costs one sorted insert, and a
 * view asks for one bucket (a group's answers to one topic) instead of scanning them all.
 *
 * Pure and framework-free: `apply` reports which buckets changed so the caller can tell its
 * reactive views (see OperatorSession.answerVersion). Events it does not know how to follow
 * precisely lead to a full rebuild, so new event kinds can never leave it stale.
 */
import type { DomainEvent } from '../../../shared/domain/events.ts';
import type { Answer, SessionState } from '../../../shared/domain/types.ts';

/** Key of one bucket: a group's answers to one topic. */
export const bucketKey = (groupId: string, topicId: string): string => `${groupId}/${topicId}`;

/** Events that never change which answers exist or where they belong. */
const UNRELATED: ReadonlySet<DomainEvent['type']> = new Set([
  'settings.updated',
  'participant.joined',
  'participant.moved',
  'participant.admitted',
  'participant.removed',
  'step.changed',
  'timer.changed',
  'rating.set',
  'takeaway.set',
  'spotlight.set',
  'session.ended',
]);

const older = (a: Answer, b: Answer): number => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class AnswerIndex {
  /** bucket key → answer ids, oldest first. */
  readonly #buckets = new Map<string, string[]>();
  /** answer id → its bucket key and question (answers never change group, topic or question). */
  readonly #where = new Map<string, { readonly key: string; readonly questionId: string }>();
  /** `${bucket}/${questionId}` → number of answers. */
  readonly #counts = new Map<string, number>();
  /** bucket key → its topic. */
  readonly #topics = new Map<string, string>();

  constructor(state?: SessionState) {
    if (state) this.rebuild(state);
  }

  /** Starts again from the whole state (a snapshot, or an event it cannot follow). */
  rebuild(state: SessionState): void {
    this.#buckets.clear();
    this.#where.clear();
    this.#counts.clear();
    this.#topics.clear();
    const all = Object.values(state.answers).sort(older);
    for (const a of all) this.#append(a);
  }

  /**
   * Follows events that `evolve` has already folded into `state`. Returns the keys of the
   * buckets that changed, or 'all' after a rebuild.
   */
  apply(state: SessionState, events: readonly DomainEvent[]): Set<string> | 'all' {
    const changed = new Set<string>();
    for (const e of events) {
      if (UNRELATED.has(e.type)) continue;
      switch (e.type) {
        case 'answer.added': {
          const a = state.answers[e.answer.id];
          if (!a || this.#where.has(a.id)) break;
          this.#insert(a, state);
          changed.add(bucketKey(a.groupId, a.topicId));
          break;
        }
        case 'answer.deleted': {
          const at = this.#where.get(e.answerId);
          if (!at) break;
          this.#remove(e.answerId, at.key, at.questionId);
          changed.add(at.key);
          break;
        }
        case 'answer.edited':
        case 'answer.hidden': {
          // Same place, new text or visibility: the views read those from the state itself.
          const at = this.#where.get(e.answerId);
          if (at) changed.add(at.key);
          break;
        }
        default:
          this.rebuild(state);
          return 'all';
      }
    }
    return changed;
  }

  /** Ids of a group's answers to one topic, oldest first. */
  ids(groupId: string, topicId: string): readonly string[] {
    return this.#buckets.get(bucketKey(groupId, topicId)) ?? [];
  }

  /** How many answers a group gave to one question of one topic. */
  count(groupId: string, topicId: string, questionId: string): number {
    return this.#counts.get(`${bucketKey(groupId, topicId)}/${questionId}`) ?? 0;
  }

  /** Keys of the buckets that hold answers. */
  keys(): IterableIterator<string> {
    return this.#buckets.keys();
  }

  /** The topic of a bucket that holds or held answers. */
  topicOf(key: string): string | undefined {
    return this.#topics.get(key);
  }

  get size(): number {
    return this.#where.size;
  }

  #append(a: Answer): void {
    const key = bucketKey(a.groupId, a.topicId);
    let ids = this.#buckets.get(key);
    if (!ids) {
      this.#buckets.set(key, (ids = []));
      this.#topics.set(key, a.topicId);
    }
    ids.push(a.id);
    this.#where.set(a.id, { key, questionId: a.questionId });
    this.#bump(key, a.questionId, 1);
  }

  /** Sorted insert: answers mostly arrive in order, so search from the end. */
  #insert(a: Answer, state: SessionState): void {
    const key = bucketKey(a.groupId, a.topicId);
    let ids = this.#buckets.get(key);
    if (!ids) {
      this.#buckets.set(key, (ids = []));
      this.#topics.set(key, a.topicId);
    }
    let i = ids.length;
    while (i > 0) {
      const prev = state.answers[ids[i - 1]!];
      if (!prev || older(prev, a) <= 0) break;
      i--;
    }
    ids.splice(i, 0, a.id);
    this.#where.set(a.id, { key, questionId: a.questionId });
    this.#bump(key, a.questionId, 1);
  }

  #remove(id: string, key: string, questionId: string): void {
    const ids = this.#buckets.get(key);
    const i = ids ? ids.indexOf(id) : -1;
    if (ids && i >= 0) ids.splice(i, 1);
    this.#where.delete(id);
    this.#bump(key, questionId, -1);
  }

  #bump(key: string, questionId: string, by: number): void {
    const k = `${key}/${questionId}`;
    this.#counts.set(k, (this.#counts.get(k) ?? 0) + by);
  }
}
