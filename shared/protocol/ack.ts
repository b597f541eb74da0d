/**
 * The one acknowledgement shape of every client→server event.
 * `key` names the dictionary entry of the error, so a client can show it in its own
 * language; `error` is that message in the session's language, for logs and scripts.
 */
import type { MessageKey } from '../i18n/index.ts';

export const ERROR_CODES = [
  'invalid', // the payload does not match the schema
  'unauthorized', // no valid identity for this action
  'forbidden', // identity is valid but may not do this
  'not_found',
  'conflict', // the state does not allow this now (e.g. a stale takeaway revision)
  'locked',
  'full',
  'ended',
  'rate_limited',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type AckOk<T> = { readonly ok: true; readonly data: T };
export type AckError = { readonly ok: false; readonly error: string; readonly code: ErrorCode; readonly key?: MessageKey };
export type Ack<T> = AckOk<T> | AckError;
export type AckFn<T> = (ack: Ack<T>) => void;
