/** Feedback per group: one group at a time in the spotlight tells what they take away. */
import type { EmptyPayload } from '../emptySchema.ts';
import type { StepKindSpec } from '../kind.ts';

export const feedback: StepKindSpec<EmptyPayload> = {
  defaultMinutes: 15,
  needsGroups: true,
  uniqueKey: () => 'feedback',
  hasWork: () => false,
};
