/**
 * The agenda of a session, derived from its content: lobby → groups → one step per topic
 * → takeaway → feedback per group → closing. Steps are addressed by index.
 */
import type { SessionContent } from './types.ts';

export type Step =
  | { readonly kind: 'lobby' }
  | { readonly kind: 'groups' }
  | { readonly kind: 'topic'; readonly topicId: string; readonly topicIndex: number }
  | { readonly kind: 'takeaway' }
  | { readonly kind: 'feedback' }
  | { readonly kind: 'closing' };

export type StepKind = Step['kind'];

export function agenda(content: SessionContent): Step[] {
  return [
    { kind: 'lobby' },
    { kind: 'groups' },
    ...content.topics.map((t, topicIndex) => ({ kind: 'topic' as const, topicId: t.id, topicIndex })),
    { kind: 'takeaway' },
    { kind: 'feedback' },
    { kind: 'closing' },
  ];
}

export function stepAt(content: SessionContent, index: number): Step {
  const steps = agenda(content);
  return steps[Math.min(Math.max(index, 0), steps.length - 1)] ?? { kind: 'lobby' };
}

/** Index of the first topic step: the dialogue has started once the session reaches it. */
export const FIRST_TOPIC_STEP = 2;
