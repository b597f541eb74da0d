/** Feedback per group on a phone: whether it is this group's turn, and its takeaway to read out. */
import type { ComponentProps } from 'svelte';
import type { PhoneSource } from '../phoneSource.ts';
import type { StepView } from '../view.ts';
import PhoneFeedback from './PhoneFeedback.svelte';

export const feedbackPhoneView: StepView<PhoneSource, ComponentProps<typeof PhoneFeedback>> = {
  view: PhoneFeedback,
  project: (src) => ({
    get spotlight() {
      const id = src.state.spotlightGroupId;
      return id === null ? 'none' : src.group && id === src.group.id ? 'mine' : 'other';
    },
    get takeawayText() {
      return src.session.takeaway?.text ?? '';
    },
  }),
};
