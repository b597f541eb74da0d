/** The end on the projector: thanks and where to reach the programme. */
import type { ComponentProps } from 'svelte';
import type { ScreenStep } from '../screenSource.ts';
import ScreenClosing from './ScreenClosing.svelte';

export const closingScreen: ScreenStep<ComponentProps<typeof ScreenClosing>> = {
  view: ScreenClosing,
  joinCorner: true,
  project: (src) => ({
    get title() {
      return src.state.content.title;
    },
    get contact() {
      return src.state.content.contact;
    },
  }),
};
