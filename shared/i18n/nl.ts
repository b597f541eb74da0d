/**
 * The Dutch dictionary: the default language and the reference for every other one.
 * Plain language (B1): short sentences, everyday words. Every user-facing string of the
 * app lives in one of its parts; `{name}` placeholders are filled by `t()`.
 *
 * The parts are separate modules so a phone downloads only what it shows: `nlBase`
 * (common, errors, participant) is always there, `nlOperator` is registered by the
 * facilitator and screen pages, `nlDialogue` by the phone's dialogue steps, `nlInfo` by the accessibility statement, `nlAccount` by the account pages and the server (see shared/i18n/index.ts).
 * Every other language has one part per Dutch part (shared/i18n/en/*), checked by the compiler.
 */
import { nlCommon } from './nl/common.ts';
import { nlErrors } from './nl/errors.ts';
import { nlParticipant } from './nl/participant.ts';
import type { nlAccount } from './nl/account.ts';
import type { nlDialogue } from './nl/dialogue.ts';
import type { nlInfo } from './nl/info.ts';
import type { nlOperator } from './nl/operator.ts';

export const nlBase = { ...nlCommon, ...nlErrors, ...nlParticipant } as const;

/** Every key of the app, with its Dutch text. */
export type NlMessages = typeof nlBase & typeof nlDialogue & typeof nlOperator & typeof nlInfo & typeof nlAccount;
export type Dictionary = { readonly [K in keyof NlMessages]: string };
