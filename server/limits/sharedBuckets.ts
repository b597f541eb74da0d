/**
 * Token buckets several servers share (one per key, e.g. joins from one address), so a limit
 * holds for the whole cluster instead of once per node. With one server the limits keep
 * their buckets in memory (addressLimits.ts) and none of this is used.
 */
import type { SharedSocketCounts } from './sharedSockets.ts';

export interface SharedBuckets {
  /**
   * Takes a token from the bucket `key` (a burst of `capacity`, refilled to `capacity` over
   * `periodMs`); false when it is empty.
   */
  take(key: string, capacity: number, periodMs: number): Promise<boolean>;
  /** Whether the bucket `key` has no whole token now (without taking one). */
  empty(key: string, capacity: number, periodMs: number): Promise<boolean>;
  /** Open sockets per address for the cluster (a node of several: its id is known). */
  readonly sockets?: SharedSocketCounts | null;
}
