/**
 * Which answers belong to which group, kept up to date as events are folded in, so that
 * building one participant's view (on every reconnect) reads only their group's answers
 * instead of scanning the whole session; and how many participants are active (not
 * removed), so that a join does not count all of them.
 */
import type { DomainEvent } from '../../shared/domain/events.ts';
import type { Answer, SessionState } from '../../shared/domain/types.ts';
import type { BeforeInfo } from './sessionHub.ts';

export class GroupIndex {
  private readonly byGroup = new Map<string, Set<string>>();
  private active = 0;

  private constructor(private readonly state: SessionState) {}

  static of(state: SessionState): GroupIndex {
    const index = new GroupIndex(state);
    for (const a of Object.values(state.answers)) index.add(a.groupId, a.id);
    for (const p of Object.values(state.participants)) if (!p.removed) index.active++;
    return index;
  }

  private add(groupId: string, answerId: string): void {
    let set = this.byGroup.get(groupId);
    if (!set) this.byGroup.set(groupId, (set = new Set()));
    set.add(answerId);
  }

  /** Call after `evolve` with the same event. */
  apply(event: DomainEvent, before: BeforeInfo): void {
    if (event.type === 'participant.joined') {
      if (!event.participant.removed) this.active++;
    } else if (event.type === 'participant.removed') this.recount();
    else if (event.type === 'answer.added') this.add(event.answer.groupId, event.answer.id);
    else if (event.type === 'answer.deleted') {
      const gid = before.answerGroups.get(event.answerId);
      if (gid) this.byGroup.get(gid)?.delete(event.answerId);
    }
  }

  /** Removal is rare: count again rather than track who was removed before. */
  private recount(): void {
    this.active = 0;
    for (const id in this.state.participants) if (!this.state.participants[id]!.removed) this.active++;
  }

  activeCount = (): number => this.active;

  answersOf = (groupId: string): Answer[] => {
    const out: Answer[] = [];
    for (const id of this.byGroup.get(groupId) ?? []) {
      const a = this.state.answers[id];
      if (a) out.push(a);
    }
    return out;
  };
}
