/**
 * The phone views of every step after the lobby (PHONE_STEPS marks them 'dialogue'). Only
 * the dialogue chunk (participant/StepView.svelte) imports this, so none of it is in the
 * page a phone loads to join.
 */
import type { StepKind } from '../../../shared/steps/index.ts';
import { closingPhoneView } from './closing/phoneView.ts';
import { contentPhoneView } from './content/phoneView.ts';
import { feedbackPhoneView } from './feedback/phoneView.ts';
import { groupsPhoneView } from './groups/phoneView.ts';
import type { DialogueKind } from './phone.ts';
import type { PhoneSource } from './phoneSource.ts';
import { takeawayPhoneView } from './takeaway/phoneView.ts';
import { topicPhoneView } from './topic/phoneView.ts';
import type { AnyStepView } from './view.ts';

export const PHONE_DIALOGUE_VIEWS = {
  content: contentPhoneView,
  groups: groupsPhoneView,
  topic: topicPhoneView,
  takeaway: takeawayPhoneView,
  feedback: feedbackPhoneView,
  closing: closingPhoneView,
} satisfies Record<DialogueKind, AnyStepView<PhoneSource>>;

export const isDialogueKind = (kind: StepKind): kind is DialogueKind => Object.hasOwn(PHONE_DIALOGUE_VIEWS, kind);
