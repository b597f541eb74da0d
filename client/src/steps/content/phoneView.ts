/** A content slide on a phone: its title and "kijk mee op het scherm" (phones never get the slide's text). */
import type { ComponentProps } from 'svelte';
import type { PhoneSource } from '../phoneSource.ts';
import type { StepView } from '../view.ts';
import PhoneContentSlide from './PhoneContentSlide.svelte';

export const contentPhoneView: StepView<PhoneSource, ComponentProps<typeof PhoneContentSlide>> = {
  view: PhoneContentSlide,
  project: (src) => ({
    get title() {
      return src.step.title;
    },
  }),
};
