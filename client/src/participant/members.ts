/** The members of this person's group as the phone shows them. */
import type { Group, SessionState } from '../../../shared/domain/types.ts';
import type { MemberView } from './types.ts';

export function memberViews(state: SessionState, group: Group | null): MemberView[] {
  if (!group) return [];
  return group.memberIds
    .map((id) => state.participants[id])
    .filter((p) => p !== undefined)
    .map((p) => ({ id: p.id, name: p.name, role: p.role, organisation: p.organisation }));
}
