/**
 * Rate limits for the socket transport.
 *
 * - `TokenBucket`: per connection, every event costs one token; a burst is allowed, then
 *   events are refused with `rate_limited` until tokens refill. A socket that keeps
 *   sending after being refused is disconnected.
 * - `FailureWindow`: per client address, failed join-code lookups; past the limit every
 *   lookup from that address is refused for the rest of the window ("probeer het later").
 */

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

/** Defaults, in one place. */
export const RATE_LIMITS = {
  participant: { capacity: 40, refillPerSecond: 10 },
  operator: { capacity: 80, refillPerSecond: 30 },
  guest: { capacity: 10, refillPerSecond: 2 },
  /** Refused events in a row before a flooding socket is disconnected. */
  refusalsBeforeDisconnect: 50,
  /** Failed join-code lookups per address: 30 per 5 minutes is one guess per 10 s on average. */
  joinFailures: { maxFailures: 30, windowMs: 5 * 60_000 },
} as const;
