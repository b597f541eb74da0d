/**
 * Open sockets per client address counted for the whole cluster (several servers on one
 * PostgreSQL database: server/cluster/pgSockets.ts). Each node keeps its own count per address
 * (addressLimits.ts) and publishes it; the limit holds for the sum over the live nodes.
 *
 * Cheap where it can be: an address far from the limit (this node's count plus what the other
 * nodes had at the last refresh, at most half the limit) is let in without asking the
 * database; its count is written with the next refresh (about once a second). Near the limit
 * every socket asks the database (one short transaction, serialised per address).
 */
export interface SharedSocketCounts {
  /**
   * Starts the refreshes: this node's counts (read with `countOf`) of the addresses marked
   * with `changed` are written, and the addresses whose other nodes together hold at least
   * `hotAtLeast` sockets are read back (`known`).
   */
  attach(countOf: (address: string) => number, hotAtLeast: number): void;
  /** The other live nodes' sockets from `address` at the last refresh; 0 when they held fewer than `hotAtLeast`. */
  known(address: string): number;
  /** This node's count for `address` changed: written with the next refresh. */
  changed(address: string): void;
  /**
   * Near the limit: whether this node may hold `mine` sockets from `address` (the other live
   * nodes' count read now); when it may, `mine` is written at once, in the same transaction.
   */
  admit(address: string, mine: number, limit: number): Promise<boolean>;
}
