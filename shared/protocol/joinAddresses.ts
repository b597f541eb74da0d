/**
 * `GET /api/join-addresses`: the address phones use to join (the base of join links and QR
 * codes) and the others a facilitator may choose. Built by server/http/joinAddresses.ts,
 * read by the console and the screen (client/src/operator/joinAddress.svelte.ts).
 */

/** Why `base` was chosen; the console explains it. */
export type JoinAddressReason =
  /** PUBLIC_URL is set: only that is used. */
  | 'public'
  /** Browsed via localhost: the machine's LAN address instead. */
  | 'lan'
  /** Browsed via localhost and the machine has no LAN address: phones cannot join. */
  | 'loopbackOnly'
  /** Browsed via an address others can use too (a LAN address or a host name). */
  | 'request';

export type JoinAddressKind = 'public' | 'lan' | 'thisComputer' | 'request';

export interface JoinAddressCandidate {
  /** An origin without a trailing slash, e.g. http://192.168.1.20:3000 */
  readonly url: string;
  readonly kind: JoinAddressKind;
}

export interface JoinAddresses {
  /** The suggested base of join links. */
  readonly base: string;
  readonly reason: JoinAddressReason;
  /** Every base a facilitator may choose; `base` is one of them. */
  readonly candidates: readonly JoinAddressCandidate[];
}

const KINDS: readonly string[] = ['public', 'lan', 'thisComputer', 'request'] satisfies JoinAddressKind[];
const REASONS: readonly string[] = ['public', 'lan', 'loopbackOnly', 'request'] satisfies JoinAddressReason[];

const isCandidate = (c: unknown): c is JoinAddressCandidate =>
  typeof c === 'object' && c !== null && typeof (c as JoinAddressCandidate).url === 'string' && KINDS.includes((c as JoinAddressCandidate).kind);

/** The shape check a client does on the answer (it may come from an older server). */
export function isJoinAddresses(value: unknown): value is JoinAddresses {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.base === 'string' &&
    typeof v.reason === 'string' &&
    REASONS.includes(v.reason) &&
    Array.isArray(v.candidates) &&
    v.candidates.every(isCandidate)
  );
}
