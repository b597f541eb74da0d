/** A dialogue topic on a phone: its view is loaded after joining (phoneView.ts). */
import { topicIndexOf } from '../../../../shared/domain/agenda.ts';
import { t } from '../../lib/i18n.svelte.ts';
import type { PhoneStep } from '../phoneSource.ts';

export const topicPhone = {
  view: 'later',
  groupCard: true,
  announce: (step, state) => {
    const index = topicIndexOf(state, step);
    const topics = state.content.topics;
    return t('participant.step.announceTopic', { number: index + 1, total: topics.length, title: topics[index]?.title ?? '' });
  },
} satisfies PhoneStep;
