/** English for shared/i18n/nl/errors.ts. The server still answers in Dutch; the client shows `ack.key` in its own language. */
import type { Exact, TranslationOf } from '../check.ts';
import type { nlErrors } from '../nl/errors.ts';

export const enErrors = {
  'error.invalid': 'This is not quite right: {detail}',
  'error.unauthorized': 'You are not (or no longer) signed in to this session.',
  'error.forbidden': 'Only the facilitator can do that.',
  'error.notFound': 'That does not exist (any more).',
  'error.codeNotFound': 'We do not know this code. Please check the screen again.',
  'error.sessionNotFound': 'This session does not exist (any more).',
  'error.locked': 'This session is closed to new participants. Please ask the facilitator.',
  'error.full': 'This session is full.',
  'error.ended': 'This session has ended.',
  'error.rateLimited': 'Please slow down a little. Try again later.',
  'error.tooManyCodes': 'Too many wrong codes. Try again later.',
  'error.tooManyJoins': 'Too many people joined from this network just now. Try again in a minute.',
  'error.moved': 'This session runs on another server. You are being sent there.',
  'error.internal': 'Something went wrong on our side. Please try again.',
  'error.removed': 'The facilitator has removed you from the session.',
  'error.blocked': 'You cannot join this session again.',
  'error.noGroup': 'You are not in a group yet.',
  'error.tooManyAnswers': 'You already have as many answers to this question as allowed. Change an answer instead of adding a new one.',
  'error.unknownTopic': 'This characteristic does not exist in this session.',
  'error.unknownQuestion': 'This question does not exist in this session.',
  'error.unknownAnswer': 'This answer does not exist (any more).',
  'error.notYourAnswer': 'You can only change your own answers.',
  'error.answerIdTaken': 'This answer already exists.',
  'error.unknownEvent': 'Unknown message.',
  'error.answerInOldGroup': 'This answer belongs to your previous group and stays there. You can no longer change it.',
  'error.badId': 'This id cannot be used.',
} as const satisfies TranslationOf<typeof nlErrors>;

type _Exact = Exact<typeof enErrors, typeof nlErrors>;
