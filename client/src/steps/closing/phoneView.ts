/** The closing on a phone: thanks and the contact address. */
import type { ComponentProps } from 'svelte';
import type { PhoneSource } from '../phoneSource.ts';
import type { StepView } from '../view.ts';
import PhoneClosing from './PhoneClosing.svelte';

export const closingPhoneView: StepView<PhoneSource, ComponentProps<typeof PhoneClosing>> = {
  view: PhoneClosing,
  project: (src) => ({
    get contact() {
      return src.state.content.contact;
    },
  }),
};
