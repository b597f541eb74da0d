/** The lobby on a phone: you are in, wait for the room to start. */
import type { ComponentProps } from 'svelte';
import type { PhoneSource, PhoneStep } from '../phoneSource.ts';
import type { StepView } from '../view.ts';
import PhoneLobby from './PhoneLobby.svelte';

const view: StepView<PhoneSource, ComponentProps<typeof PhoneLobby>> = {
  view: PhoneLobby,
  project: (src) => ({
    get name() {
      return src.session.me?.name ?? '';
    },
    get title() {
      return src.state.content.title;
    },
    get intro() {
      return src.state.content.intro;
    },
  }),
};

export const lobbyPhone = {
  view,
  // The room may come back to the lobby with answers still unsent on this phone.
  unsentDrafts: true,
  groupCard: false,
  announce: () => null,
} satisfies PhoneStep;
