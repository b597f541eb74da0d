/**
 * How a phone shows every kind of step (see view.ts and PhoneStep). This table is in the
 * page a phone loads to join, so it holds only the view shown right after joining (the
 * lobby); every other kind's view is in phoneLater.ts, a chunk the phone fetches while
 * it waits in the lobby.
 */
import type { StepKind } from '../../../shared/steps/index.ts';
import { closingPhone } from './closing/phone.ts';
import { contentPhone } from './content/phone.ts';
import { feedbackPhone } from './feedback/phone.ts';
import { groupsPhone } from './groups/phone.ts';
import { lobbyPhone } from './lobby/phone.ts';
import type { PhoneStep } from './phoneSource.ts';
import { takeawayPhone } from './takeaway/phone.ts';
import { topicPhone } from './topic/phone.ts';

export const PHONE_STEPS = {
  lobby: lobbyPhone,
  content: contentPhone,
  groups: groupsPhone,
  topic: topicPhone,
  takeaway: takeawayPhone,
  feedback: feedbackPhone,
  closing: closingPhone,
} satisfies Record<StepKind, PhoneStep>;

/** The kinds whose phone view is loaded after joining (phoneLater.ts). */
export type LaterKind = { [K in StepKind]: (typeof PHONE_STEPS)[K]['view'] extends 'later' ? K : never }[StepKind];

/** The kinds whose phone view is in the page itself. */
export type PageKind = Exclude<StepKind, LaterKind>;

/**
 * False for a kind this client does not know (an older page during an update meets a newer
 * server's kind): StepView then shows nothing for it rather than break.
 */
export const isPageKind = (kind: StepKind): kind is PageKind => {
  const entry: PhoneStep | undefined = PHONE_STEPS[kind];
  return entry !== undefined && entry.view !== 'later';
};

