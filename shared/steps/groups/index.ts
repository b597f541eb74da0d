/** Groups: the room is split into groups and people find their table. */
import type { EmptyPayload } from '../emptySchema.ts';
import type { StepKindSpec } from '../kind.ts';

export const groups: StepKindSpec<EmptyPayload> = {
  defaultMinutes: 5,
  needsGroups: false,
  uniqueKey: () => 'groups',
  hasWork: () => false,
};
