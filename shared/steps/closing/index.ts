/** Closing: thanks and the contact address. */
import type { EmptyPayload } from '../emptySchema.ts';
import type { StepKindSpec } from '../kind.ts';

export const closing: StepKindSpec<EmptyPayload> = {
  defaultMinutes: 5,
  needsGroups: false,
  uniqueKey: () => 'closing',
  hasWork: () => false,
};
