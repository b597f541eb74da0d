/**
 * Content slide: a title and a body for the room (the workshop's own slides). The screen
 * shows it large; phones show its title and "kijk mee op het scherm". Any number of them.
 */
import type { EmptyPayload } from '../emptySchema.ts';
import type { StepKindSpec } from '../kind.ts';

export const content: StepKindSpec<EmptyPayload> = {
  defaultMinutes: 5,
  needsGroups: false,
  uniqueKey: () => null,
  hasWork: () => false,
};
