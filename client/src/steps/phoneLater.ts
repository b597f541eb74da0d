/**
 * The phone views of every step after the lobby (PHONE_STEPS marks them 'later'). Only
 * participant/StepView.svelte (a chunk of its own, fetched in the lobby) imports this, so
 * none of it is in the page a phone loads to join.
 */
import type { StepKind } from '../../../shared/steps/index.ts';
import { closingPhoneView } from './closing/phoneView.ts';
import { contentPhoneView } from './content/phoneView.ts';
import { feedbackPhoneView } from './feedback/phoneView.ts';
import { groupsPhoneView } from './groups/phoneView.ts';
import type { LaterKind } from './phone.ts';
import type { PhoneSource } from './phoneSource.ts';
import { takeawayPhoneView } from './takeaway/phoneView.ts';
import { topicPhoneView } from './topic/phoneView.ts';
import type { AnyStepView } from './view.ts';

export const PHONE_LATER_VIEWS = {
  content: contentPhoneView,
  groups: groupsPhoneView,
  topic: topicPhoneView,
  takeaway: takeawayPhoneView,
  feedback: feedbackPhoneView,
  closing: closingPhoneView,
} satisfies Record<LaterKind, AnyStepView<PhoneSource>>;

export const isLaterKind = (kind: StepKind): kind is LaterKind => Object.hasOwn(PHONE_LATER_VIEWS, kind);
