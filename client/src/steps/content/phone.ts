/** A content slide on a phone: its view is in the dialogue chunk (phoneView.ts). */
import type { PhoneStep } from '../phoneSource.ts';

export const contentPhone = {
  view: 'dialogue',
  groupCard: true,
  announce: (step) => step.title,
} satisfies PhoneStep;
