/**
 * Rate limits for the socket transport.
 *
 * - `TokenBucket`: per connection, every event costs one token; a burst is allowed, then
 *   events are refused with `rate_limited` until tokens refill. A socket that keeps
 *   sending after being refused is disconnected.
 * - `FailureWindow`: per client address, failed join-code lookups.
 * - `JoinCodeGuard`: what a join-code lookup asks of both. A wrong code counts and, past the
 *   limit, wrong codes get "probeer het later". A right code is not refused for earlier wrong
 *   ones (behind a venue's NAT or a reverse proxy the whole room shares one address: 2,000
 *   people may join from it within a minute), but while an address is past its wrong-code
 *   limit all its lookups are held to a slow rate, so a guesser cannot use "429 for wrong,
 *   200 for right" to keep guessing at full speed.
 */

import type { SharedBuckets } from '../limits/sharedBuckets.ts';

export interface BucketOptions {
  /** Events allowed in a burst. */
  readonly capacity: number;
  /** Tokens added per second. */
  readonly refillPerSecond: number;
}

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly opts: BucketOptions,
    now: number,
  ) {
    this.tokens = opts.capacity;
    this.last = now;
  }

  take(now: number): boolean {
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.opts.capacity, this.tokens + elapsed * this.opts.refillPerSecond);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export interface FailureWindowOptions {
  readonly maxFailures: number;
  readonly windowMs: number;
}

export class FailureWindow {
  private readonly byKey = new Map<string, { count: number; since: number }>();

  constructor(private readonly opts: FailureWindowOptions) {}

  /** True while `key` has used up its failures in the current window. */
  blocked(key: string, now: number): boolean {
    const entry = this.byKey.get(key);
    if (!entry) return false;
    if (now - entry.since > this.opts.windowMs) {
      this.byKey.delete(key);
      return false;
    }
    return entry.count >= this.opts.maxFailures;
  }

  fail(key: string, now: number): void {
    const entry = this.byKey.get(key);
    if (!entry || now - entry.since > this.opts.windowMs) this.byKey.set(key, { count: 1, since: now });
    else entry.count++;
    // Bound memory under an attack from many addresses: drop expired entries now and then.
    if (this.byKey.size > 10_000) for (const [k, e] of this.byKey) if (now - e.since > this.opts.windowMs) this.byKey.delete(k);
  }
}

export interface JoinCodeGuardOptions {
  readonly failures: FailureWindowOptions;
  /** All code lookups (right or wrong) of an address while it is past its wrong-code limit. */
  readonly lookupsWhileBlocked: BucketOptions;
}

export class JoinCodeGuard {
  private readonly failures: FailureWindow;
  private readonly lookups = new Map<string, TokenBucket>();

  /**
   * `shared`: several servers count the wrong codes and the slowed lookups of an address in
   * buckets they share (server/cluster/pgBuckets.ts), so a guesser gets the limit once for
   * the cluster. If the database does not answer, this node's own count is used.
   */
  constructor(
    private readonly opts: JoinCodeGuardOptions,
    private readonly shared: SharedBuckets | null = null,
  ) {
    this.failures = new FailureWindow(opts.failures);
  }

  /** Before looking a code up: false when this address, past its wrong-code limit, looks up too fast. */
  async mayLookUp(address: string, now: number): Promise<boolean> {
    if (this.shared) {
      const { maxFailures, windowMs } = this.opts.failures;
      const { capacity, refillPerSecond } = this.opts.lookupsWhileBlocked;
      try {
        if (!(await this.shared.empty(`wrongcodes:${address}`, maxFailures, windowMs))) return true;
        return await this.shared.take(`lookups:${address}`, capacity, (capacity / refillPerSecond) * 1000);
      } catch {
        // below: this node's own count
      }
    }
    if (!this.failures.blocked(address, now)) {
      this.lookups.delete(address);
      return true;
    }
    let bucket = this.lookups.get(address);
    if (!bucket) {
      // Bound memory under an attack from many addresses: start again when the map grows large.
      if (this.lookups.size > 10_000) this.lookups.clear();
      this.lookups.set(address, (bucket = new TokenBucket(this.opts.lookupsWhileBlocked, now)));
    }
    return bucket.take(now);
  }

  /** After a lookup found nothing: counts it; true when the address is past its wrong-code limit. */
  async wrongCode(address: string, now: number): Promise<boolean> {
    if (this.shared) {
      const { maxFailures, windowMs } = this.opts.failures;
      try {
        return !(await this.shared.take(`wrongcodes:${address}`, maxFailures, windowMs));
      } catch {
        // below: this node's own count
      }
    }
    const blocked = this.failures.blocked(address, now);
    if (!blocked) this.failures.fail(address, now);
    return blocked;
  }
}

/** Defaults, in one place. */
export const RATE_LIMITS = {
  participant: { capacity: 40, refillPerSecond: 10 },
  operator: { capacity: 80, refillPerSecond: 30 },
  guest: { capacity: 10, refillPerSecond: 2 },
  /** Sockets one participant (one device token) may hold at once; past it the oldest is closed. */
  socketsPerParticipant: 4,
  /** Refused events in a row before a flooding socket is disconnected. */
  refusalsBeforeDisconnect: 50,
  /** Failed join-code lookups per address: 30 per 5 minutes is one guess per 10 s on average. */
  joinFailures: { maxFailures: 30, windowMs: 5 * 60_000 },
  /**
   * Join-code lookups (the join page, the join itself, the QR image) of an address past its
   * wrong-code limit: a room keeps joining at 2 a second, a guesser gets 2 guesses a second.
   */
  codeLookupsWhileBlocked: { capacity: 60, refillPerSecond: 2 },
} as const;
