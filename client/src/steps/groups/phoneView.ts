/** The groups step on a phone: your group and who is in it, so you can find your table. */
import type { ComponentProps } from 'svelte';
import type { PhoneSource } from '../phoneSource.ts';
import type { StepView } from '../view.ts';
import PhoneGroups from './PhoneGroups.svelte';

export const groupsPhoneView: StepView<PhoneSource, ComponentProps<typeof PhoneGroups>> = {
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
