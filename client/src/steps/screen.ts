/**
 * The projector's view of every kind of step (see view.ts). Only the screen page loads
 * this table: phones have their own (phone.ts), so no projector view reaches a phone.
 */
import type { StepKind } from '../../../shared/steps/index.ts';
import { closingScreen } from './closing/screen.ts';
import { contentScreen } from './content/screen.ts';
import { feedbackScreen } from './feedback/screen.svelte.ts';
import { groupsScreen } from './groups/screen.svelte.ts';
import { lobbyScreen } from './lobby/screen.svelte.ts';
import type { ScreenStep } from './screenSource.ts';
import { takeawayScreen } from './takeaway/screen.svelte.ts';
import { topicScreen } from './topic/screen.svelte.ts';

export const SCREEN_STEPS = {
  lobby: lobbyScreen,
  content: contentScreen,
  groups: groupsScreen,
  topic: topicScreen,
  takeaway: takeawayScreen,
  feedback: feedbackScreen,
  closing: closingScreen,
} satisfies Record<StepKind, ScreenStep<any>>; // each entry checked against its own view's props where it is declared
