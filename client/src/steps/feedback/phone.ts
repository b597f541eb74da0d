/** Feedback per group on a phone: its view is loaded after joining (phoneView.ts). */
import { t } from '../../lib/i18n.svelte.ts';
import type { PhoneStep } from '../phoneSource.ts';

export const feedbackPhone = {
  view: 'later',
  groupCard: true,
  announce: () => t('participant.feedback.title'),
} satisfies PhoneStep;
