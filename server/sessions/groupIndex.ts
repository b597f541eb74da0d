/**
 * Which answers belong to which group, kept up to date as events are folded in, so that
 * building one participant's view (on every reconnect) reads only their group's answers
 * instead of scanning the whole session.
 */
import type { DomainEvent } from '../../shared/domain/events.ts';
import type { Answer, SessionState } from '../../shared/domain/types.ts';
import type { BeforeInfo } from './sessionHub.ts';

export class GroupIndex {
  private readonly byGroup = new Map<string, Set<string>>();

  private constructor(private readonly state: SessionState) {}

  static of(state: SessionState): GroupIndex {
    const index = new GroupIndex(state);
    for (const a of Object.values(state.answers)) index.add(a.groupId, a.id);
    return index;
  }

  private add(groupId: string, answerId: string): void {
    let set = this.byGroup.get(groupId);
    if (!set) this.byGroup.set(groupId, (set = new Set()));
    set.add(answerId);
  }

  /** Call after `evolve` with the same event. */
  apply(event: DomainEvent, before: BeforeInfo): void {
    if (event.type === 'answer.added') this.add(event.answer.groupId, event.answer.id);
    else if (event.type === 'answer.deleted') {
      const gid = before.answerGroups.get(event.answerId);
      if (gid) this.byGroup.get(gid)?.delete(event.answerId);
    }
  }

  answersOf = (groupId: string): Answer[] => {
    const out: Answer[] = [];
    for (const id of this.byGroup.get(groupId) ?? []) {
      const a = this.state.answers[id];
      if (a) out.push(a);
    }
    return out;
  };
}
