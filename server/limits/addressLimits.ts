/**
 * Limits per client address: open sockets, joins per minute, sessions created per hour.
 * They stop one machine from filling the memory (the attack review opened 4,000 sockets and
 * joined 1,500 bots from one address) without locking out a room: behind a venue's NAT a
 * whole room shares one address, so the defaults (server/config.ts) fit a big event.
 *
 * Loopback is never limited: it is this machine itself (the benchmark, a facilitator on the
 * laptop) or a reverse proxy that does not pass the client's address on (then set
 * TRUST_PROXY=1, and the proxy's X-Forwarded-For address is the one limited). A limit of 0
 * means none. Accounts have their own quota of sessions per day (server/accounts).
 */
import { isIP } from 'node:net';
import { TokenBucket } from '../realtime/rateLimit.ts';
import type { SharedBuckets } from './sharedBuckets.ts';

export interface AddressLimitOptions {
  /** Participant and guest sockets open at once from one address (facilitators and screens are not counted). */
  readonly socketsPerAddress: number;
  /** Joins from one address: a burst of this many, then this many per minute. */
  readonly joinsPerAddressPerMinute: number;
  /** Sessions created from one address: a burst of this many, then this many per hour. */
  readonly sessionsPerAddressPerHour: number;
}

/**
 * The handshake refusal for an address at its socket limit. Not in HANDSHAKE_ERRORS (that
 * ships to phones): a phone treats it like any refusal it does not know, keeps its token and
 * tries again a few seconds later.
 */
export const TOO_MANY_SOCKETS = 'limit:sockets';

export const ADDRESS_LIMIT_DEFAULTS: AddressLimitOptions = {
  // A 2,000-person event behind one venue NAT, each phone with a spare socket for a reload
  // now and then, fits; 4,000 sockets from one address, as in the attack review, do not.
  socketsPerAddress: 2500,
  // A room of 300 behind one address joins at once; after that 5 a second. 1,500 bots from
  // one address would take five minutes instead of 21 seconds, and the console flags them.
  joinsPerAddressPerMinute: 300,
  // A facilitator makes a few sessions an hour; scripts that make thousands are stopped.
  sessionsPerAddressPerHour: 20,
};

export function isLoopback(address: string): boolean {
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || (isIP(a) === 4 && a.startsWith('127.'));
}

/** Token buckets per address, bounded in number (an attack from many addresses starts them over). */
class BucketsPerAddress {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly capacity: number,
    private readonly periodMs: number,
  ) {}

  take(address: string, now: number): boolean {
    if (this.capacity === 0 || isLoopback(address)) return true;
    let bucket = this.buckets.get(address);
    if (!bucket) {
      if (this.buckets.size > 10_000) this.buckets.clear();
      this.buckets.set(address, (bucket = new TokenBucket({ capacity: this.capacity, refillPerSecond: (this.capacity * 1000) / this.periodMs }, now)));
    }
    return bucket.take(now);
  }
}

export class AddressLimits {
  private readonly sockets = new Map<string, number>();
  private readonly joins: BucketsPerAddress;
  private readonly sessions: BucketsPerAddress;

  /**
   * `shared`: several servers keep the joins and sessions per address in buckets they share
   * (PostgreSQL), so each limit holds for the cluster; open sockets are counted per node and
   * summed over the live nodes (server/limits/sharedSockets.ts).
   */
  constructor(
    readonly options: AddressLimitOptions = ADDRESS_LIMIT_DEFAULTS,
    private readonly shared: SharedBuckets | null = null,
  ) {
    this.joins = new BucketsPerAddress(options.joinsPerAddressPerMinute, 60_000);
    this.sessions = new BucketsPerAddress(options.sessionsPerAddressPerHour, 3_600_000);
    if (options.socketsPerAddress > 0) shared?.sockets?.attach((address) => this.sockets.get(address) ?? 0, Math.ceil(options.socketsPerAddress / 2));
  }

  /** A socket from `address` wants to open: false (and not counted) when the address has its maximum. */
  async openSocket(address: string): Promise<boolean> {
    const limit = this.options.socketsPerAddress;
    if (limit === 0 || isLoopback(address)) return true;
    const n = this.sockets.get(address) ?? 0;
    if (n >= limit) return false;
    // Counted at once (sockets of one address opening meanwhile see it), taken back if refused.
    this.sockets.set(address, n + 1);
    const cluster = this.shared?.sockets;
    if (!cluster) return true;
    cluster.changed(address);
    // Far from the limit, with what the other nodes held at the last refresh: no query. (Others
    // not listed held under half the limit, and this node's count is at most the other half.)
    if (n + 1 + cluster.known(address) <= limit / 2) return true;
    try {
      if (await cluster.admit(address, this.sockets.get(address) ?? 0, limit)) return true;
    } catch {
      // The database did not answer: this node's own count, rather than refusing everyone.
      return true;
    }
    this.closeSocket(address);
    return false;
  }

  /** A socket that `openSocket` let in has closed. */
  closeSocket(address: string): void {
    const n = this.sockets.get(address);
    if (n === undefined) return;
    if (n <= 1) this.sockets.delete(address);
    else this.sockets.set(address, n - 1);
    this.shared?.sockets?.changed(address);
  }

  mayJoin(address: string, now: number): Promise<boolean> {
    return this.#take('joins', this.joins, this.options.joinsPerAddressPerMinute, 60_000, address, now);
  }

  mayCreateSession(address: string, now: number): Promise<boolean> {
    return this.#take('sessions', this.sessions, this.options.sessionsPerAddressPerHour, 3_600_000, address, now);
  }

  async #take(kind: string, local: BucketsPerAddress, capacity: number, periodMs: number, address: string, now: number): Promise<boolean> {
    if (!this.shared || capacity === 0 || isLoopback(address)) return local.take(address, now);
    try {
      return await this.shared.take(`${kind}:${address}`, capacity, periodMs);
    } catch {
      // The database did not answer: this node's own count, rather than refusing everyone.
      return local.take(address, now);
    }
  }
}
