/** The groups step on a phone: its view (the group card is the page) is in the dialogue chunk (phoneView.ts). */
import type { PhoneStep } from '../phoneSource.ts';

export const groupsPhone = {
  view: 'dialogue',
  groupCard: false,
  announce: () => null,
} satisfies PhoneStep;
