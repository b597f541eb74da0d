/** The takeaway on a phone: the group's shared text, written together. */
import type { ComponentProps } from 'svelte';
import type { PhoneSource } from '../phoneSource.ts';
import type { StepView } from '../view.ts';
import PhoneTakeaway from './PhoneTakeaway.svelte';

export const takeawayPhoneView: StepView<PhoneSource, ComponentProps<typeof PhoneTakeaway>> = {
  view: PhoneTakeaway,
  project: (src) => ({
    get session() {
      return src.session;
    },
    get question() {
      return src.state.content.takeawayQuestion;
    },
    get groupId() {
      return src.group?.id ?? null;
    },
  }),
};
