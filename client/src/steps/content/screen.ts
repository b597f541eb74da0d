/** A content slide on the projector: the step's own title and text. */
import type { ComponentProps } from 'svelte';
import type { ScreenStep } from '../screenSource.ts';
import ScreenContentSlide from './ScreenContentSlide.svelte';

export const contentScreen: ScreenStep<ComponentProps<typeof ScreenContentSlide>> = {
  view: ScreenContentSlide,
  joinCorner: true,
  project: (src) => ({
    get title() {
      return src.step.title;
    },
    get body() {
      return src.step.body;
    },
  }),
};
