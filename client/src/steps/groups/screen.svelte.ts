/** "Zoek je groep" on the projector: every group with its members' names, and who has no group yet. */
import type { ComponentProps } from 'svelte';
import { membersOf } from '../../../../shared/domain/views.ts';
import type { ScreenGroupMembers } from '../../operator/screen/types.ts';
import type { ScreenStep } from '../screenSource.ts';
import ScreenGroups from './ScreenGroups.svelte';

export const groupsScreen: ScreenStep<ComponentProps<typeof ScreenGroups>> = {
  view: ScreenGroups,
  joinCorner: true,
  project(src) {
    const groups: ScreenGroupMembers[] = $derived(
      src.state.groups.map((g) => ({
        id: g.id,
        number: g.number,
        names: membersOf(src.state, g)
          .filter((p) => !p.removed)
          .map((p) => p.name),
      })),
    );
    const unassigned = $derived(src.active.filter((p) => p.groupId === null).map((p) => p.name));
    return {
      get groups() {
        return groups;
      },
      get unassigned() {
        return unassigned;
      },
    };
  },
};
