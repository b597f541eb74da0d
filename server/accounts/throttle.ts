/**
 * Slows down password guessing without letting an attacker lock a person out.
 *
 * - Per address and account: the first few wrong passwords are free; after that each
 *   further try from that address on that account must wait, doubling up to 15 minutes.
 *   Someone hammering an account slows down only themselves: the owner, signing in from
 *   another address, is not affected.
 * - Per account, across addresses (a botnet): when an account collects many failures, each
 *   address may try it once per `accountSpacingMs`. An address that has not tried recently
 *   gets its try at once, so the owner's first attempt still goes through.
 * - Per address, across accounts (one machine trying many accounts): a cap per window.
 *
 * A correct password clears its address's record for that account. Pure: time is passed in.
 */
export interface ThrottleLimits {
  /** Wrong passwords per address and account before waiting starts. */
  readonly freeFailures: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Failures on one account (all addresses) within `windowMs` that make it "under attack". */
  readonly accountAttack: number;
  readonly accountSpacingMs: number;
  /** Wrong passwords per address (all accounts) within `windowMs`. */
  readonly perAddress: number;
  readonly windowMs: number;
}

export const LOGIN_LIMITS: ThrottleLimits = {
  freeFailures: 5,
  baseDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
  accountAttack: 50,
  accountSpacingMs: 30_000,
  perAddress: 100,
  windowMs: 15 * 60_000,
};

interface PairRecord {
  failures: number;
  lastAt: number;
}

interface WindowCount {
  count: number;
  since: number;
}

export type ThrottleVerdict = { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number };

/** Oldest records are dropped past this many, so memory stays bounded under a spray. */
const MAX_RECORDS = 50_000;

export class LoginThrottle {
  readonly #pairs = new Map<string, PairRecord>();
  readonly #accounts = new Map<string, WindowCount>();
  readonly #addresses = new Map<string, WindowCount>();
  /** Per address and account: when it last tried while the account was under attack. */
  readonly #lastTry = new Map<string, number>();

  constructor(private readonly limits: ThrottleLimits = LOGIN_LIMITS) {}

  /** May this address try a password for this account (an e-mail address, known or not) now? */
  check(address: string, account: string, now: number): ThrottleVerdict {
    const l = this.limits;
    const perAddress = live(this.#addresses.get(address), now, l.windowMs);
    if (perAddress && perAddress.count >= l.perAddress) return { ok: false, retryAfterMs: perAddress.since + l.windowMs - now };
    const key = pairKey(address, account);
    const pair = this.#pairs.get(key);
    if (pair && now - pair.lastAt > l.windowMs) this.#pairs.delete(key);
    else if (pair && pair.failures >= l.freeFailures) {
      const wait = Math.min(l.maxDelayMs, l.baseDelayMs * 2 ** (pair.failures - l.freeFailures));
      if (now - pair.lastAt < wait) return { ok: false, retryAfterMs: pair.lastAt + wait - now };
    }
    const underAttack = live(this.#accounts.get(account), now, l.windowMs);
    if (underAttack && underAttack.count >= l.accountAttack) {
      const last = this.#lastTry.get(key);
      if (last !== undefined && now - last < l.accountSpacingMs) return { ok: false, retryAfterMs: last + l.accountSpacingMs - now };
      bounded(this.#lastTry).set(key, now);
    }
    return { ok: true };
  }

  failed(address: string, account: string, now: number): void {
    const key = pairKey(address, account);
    const pair = this.#pairs.get(key);
    bounded(this.#pairs).set(key, { failures: (pair?.failures ?? 0) + 1, lastAt: now });
    bump(this.#accounts, account, now, this.limits.windowMs);
    bump(this.#addresses, address, now, this.limits.windowMs);
  }

  succeeded(address: string, account: string): void {
    this.#pairs.delete(pairKey(address, account));
    this.#lastTry.delete(pairKey(address, account));
  }
}

const pairKey = (address: string, account: string) => `${address}\u0000${account}`;

function live(w: WindowCount | undefined, now: number, windowMs: number): WindowCount | undefined {
  return w && now - w.since < windowMs ? w : undefined;
}

function bump(map: Map<string, WindowCount>, key: string, now: number, windowMs: number): void {
  const w = live(map.get(key), now, windowMs);
  if (w) w.count += 1;
  else bounded(map).set(key, { count: 1, since: now });
}

function bounded<V>(map: Map<string, V>): Map<string, V> {
  if (map.size >= MAX_RECORDS) map.delete(map.keys().next().value!);
  return map;
}
