/** A dialogue topic on a phone: the group's answers per question and its scores, editable. */
import type { ComponentProps } from 'svelte';
import { topicIndexOf } from '../../../../shared/domain/agenda.ts';
import type { PhoneSource } from '../phoneSource.ts';
import type { StepView } from '../view.ts';
import PhoneTopic from './PhoneTopic.svelte';

export const topicPhoneView: StepView<PhoneSource, ComponentProps<typeof PhoneTopic>> = {
  view: PhoneTopic,
  project: (src) => ({
    get session() {
      return src.session;
    },
    get topicId() {
      return src.step.kind === 'topic' ? src.step.payload.topicId : '';
    },
    get topicIndex() {
      return topicIndexOf(src.state, src.step);
    },
    get onAnnounce() {
      return src.say;
    },
  }),
};
