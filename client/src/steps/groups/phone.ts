/** The groups step on a phone: the group card is the page. */
import type { ComponentProps } from 'svelte';
import type { PhoneSource, PhoneStep } from '../phoneSource.ts';
import type { StepView } from '../view.ts';
import PhoneGroups from './PhoneGroups.svelte';

const view: StepView<PhoneSource, ComponentProps<typeof PhoneGroups>> = {
  view: PhoneGroups,
  project: (src) => ({
    get number() {
      return src.group?.number ?? null;
    },
    get members() {
      return src.members;
    },
    get meId() {
      return src.session.participantId;
    },
  }),
};

export const groupsPhone = {
  view,
  // The room may come back to the groups with answers still unsent on this phone.
  unsentDrafts: true,
  groupCard: false,
  announce: () => null,
} satisfies PhoneStep;
