/** A content slide on a phone: its view is loaded after joining (phoneView.ts). */
import type { PhoneStep } from '../phoneSource.ts';

export const contentPhone = {
  view: 'later',
  groupCard: true,
  announce: (step) => step.title,
} satisfies PhoneStep;
