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
  'moved', // the session lives on another server: reconnect at `movedTo` and send again
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Where in the server's order of work a message was refused: the rate limit, the event
 * name, the sender's identity, the payload's schema, or the rules (decide, lookups).
 * A code alone cannot say this ('forbidden' comes from the sender check and from the
 * rules alike), and the fuzz test counts how deep hostile messages get.
 */
export const REFUSAL_STAGES = ['rate', 'event', 'auth', 'schema', 'rules'] as const;
export type RefusalStage = (typeof REFUSAL_STAGES)[number];

export type AckOk<T> = { readonly ok: true; readonly data: T };
export type AckError = {
  readonly ok: false;
  readonly error: string;
  readonly code: ErrorCode;
  readonly key?: MessageKey;
  /** Set by the socket server on every refusal it gives, absent on internal errors. */
  readonly stage?: RefusalStage;
  /** With code 'moved': the Socket.IO path of the server that has the session. */
  readonly movedTo?: string;
};
export type Ack<T> = AckOk<T> | AckError;
export type AckFn<T> = (ack: Ack<T>) => void;
