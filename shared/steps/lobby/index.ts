/** Lobby: people join; the screen shows the code and QR, phones wait. */
import type { EmptyPayload } from '../emptySchema.ts';
import type { StepKindSpec } from '../kind.ts';

export const lobby: StepKindSpec<EmptyPayload> = {
  defaultMinutes: 5,
  needsGroups: false,
  uniqueKey: () => 'lobby',
  hasWork: () => false,
};
