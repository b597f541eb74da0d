/** "Wat neem je mee?" on the projector: the question, the timer and each group's text as it is written. */
import type { ComponentProps } from 'svelte';
import type { ScreenTakeaway as GroupTakeaway } from '../../operator/screen/types.ts';
import type { ScreenStep } from '../screenSource.ts';
import ScreenTakeaway from './ScreenTakeaway.svelte';

export const takeawayScreen: ScreenStep<ComponentProps<typeof ScreenTakeaway>> = {
  view: ScreenTakeaway,
  joinCorner: true,
  project(src) {
    const takeaways: GroupTakeaway[] = $derived(
      src.state.groups.map((g) => ({ groupId: g.id, number: g.number, text: src.state.takeaways[g.id]?.text ?? '' })),
    );
    return {
      get question() {
        return src.state.content.takeawayQuestion;
      },
      get timer() {
        return src.state.timer;
      },
      get now() {
        return src.now;
      },
      get takeaways() {
        return takeaways;
      },
    };
  },
};
