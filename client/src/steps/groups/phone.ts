/** The groups step on a phone: its view (the group card is the page) is loaded after joining (phoneView.ts). */
import type { PhoneStep } from '../phoneSource.ts';

export const groupsPhone = {
  view: 'later',
  groupCard: false,
  announce: () => null,
} satisfies PhoneStep;
