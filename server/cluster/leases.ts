/**
 * One owner per session across several servers, recorded in PostgreSQL with an epoch (a
 * fencing token). Not advisory locks (tied to one connection, no fencing) and no consensus of
 * our own: a row per session, changed only in transactions that lock it.
 *
 *   - Every node heartbeats in `nodes` (on the database's clock). A node not heard from for
 *     `deadAfterMs`, or draining, owns nothing any more: its sessions go to whoever asks.
 *   - `route(session)` answers who owns it, and claims it for this node when nobody (alive)
 *     does: the epoch goes up by one with each claim. Concurrent routes of one session queue
 *     on its row, so exactly one node wins.
 *   - Commits carry the epoch (PgStore's fence, `fenceCheck` below): a commit whose node and
 *     epoch are no longer the session's is refused inside its own transaction, which holds
 *     the lease row (FOR SHARE) until it ends. A node that was paused, partitioned or slow and
 *     lost the session can therefore never write to it again: its next write fails, and it
 *     drops the session from memory (SessionHub, FencedError).
 */
import type pg from 'pg';
import { DB_NOW, inTransaction } from '../store/pgPool.ts';
import { FencedError } from '../store/types.ts';

export { FencedError };

export interface LeaseOptions {
  readonly nodeId: string;
  /** Where the proxy reaches this node, e.g. `/n/a` (its Socket.IO path is `<path>/socket.io`). */
  readonly path: string;
  /** Heartbeat period. */
  readonly heartbeatMs?: number;
  /** A node silent this long is dead (its sessions may be claimed). */
  readonly deadAfterMs?: number;
  readonly onError?: (err: Error) => void;
}

export interface Owner {
  readonly nodeId: string;
  readonly path: string;
  readonly epoch: number;
  /** This node. */
  readonly mine: boolean;
}


export const LEASE_DEFAULTS = { heartbeatMs: 2000, deadAfterMs: 10_000 } as const;

export class SessionLeases {
  readonly nodeId: string;
  readonly path: string;
  readonly #pool: pg.Pool;
  readonly #heartbeatMs: number;
  readonly #deadAfterMs: number;
  readonly #onError: (err: Error) => void;
  /** The epoch this node holds per session, as of its last claim. */
  readonly #held = new Map<string, number>();
  #timer: ReturnType<typeof setInterval> | null = null;
  #draining = false;

  constructor(pool: pg.Pool, options: LeaseOptions) {
    this.#pool = pool;
    this.nodeId = options.nodeId;
    this.path = options.path;
    this.#heartbeatMs = options.heartbeatMs ?? LEASE_DEFAULTS.heartbeatMs;
    this.#deadAfterMs = options.deadAfterMs ?? LEASE_DEFAULTS.deadAfterMs;
    this.#onError = options.onError ?? (() => undefined);
  }

  /** Registers this node (alive, not draining) and heartbeats until `stop`. */
  async start(): Promise<void> {
    await this.#pool.query(
      `INSERT INTO nodes (id, path, heartbeat_at, draining) VALUES ($1, $2, ${DB_NOW}, FALSE)
       ON CONFLICT (id) DO UPDATE SET path = excluded.path, heartbeat_at = excluded.heartbeat_at, draining = FALSE`,
      [this.nodeId, this.path],
    );
    this.#timer = setInterval(() => {
      this.#pool.query(`UPDATE nodes SET heartbeat_at = ${DB_NOW} WHERE id = $1`, [this.nodeId]).catch((err: Error) => this.#onError(err));
    }, this.#heartbeatMs);
    this.#timer.unref();
  }

  /**
   * Who owns the session, claiming it for this node when no live node does. Null for a
   * session that does not exist.
   */
  async route(sessionId: string): Promise<Owner | null> {
    const owner = await inTransaction(this.#pool, async (client) => {
      // A first lease, if there is none yet (the session's row must exist: the foreign key).
      const inserted = await client.query(
        `INSERT INTO session_leases (session_id, node_id, epoch, claimed_at)
         SELECT id, $2, 1, ${DB_NOW} FROM sessions WHERE id = $1
         ON CONFLICT (session_id) DO NOTHING`,
        [sessionId, this.nodeId],
      );
      const { rows } = await client.query<{ node_id: string; epoch: number; path: string | null; silent_ms: number | null; draining: boolean | null }>(
        `SELECT l.node_id, l.epoch, n.path, ${DB_NOW} - n.heartbeat_at AS silent_ms, n.draining
         FROM session_leases l LEFT JOIN nodes n ON n.id = l.node_id
         WHERE l.session_id = $1 FOR UPDATE OF l`,
        [sessionId],
      );
      const lease = rows[0];
      if (!lease) return null;
      const alive = lease.path !== null && lease.silent_ms !== null && lease.silent_ms < this.#deadAfterMs && lease.draining === false;
      if (lease.node_id === this.nodeId && !this.#draining && (alive || (inserted.rowCount ?? 0) > 0)) {
        // Already this node's (another request of this process claimed it a moment ago).
        return { nodeId: this.nodeId, path: this.path, epoch: lease.epoch, mine: true };
      }
      if (alive) return { nodeId: lease.node_id, path: lease.path!, epoch: lease.epoch, mine: false };
      // Handing over: this node takes nothing new; the caller answers "try again".
      if (this.#draining) throw new Error('node draining');
      // Nobody alive holds it: a new epoch, so any write of an earlier holder is refused.
      const epoch = lease.epoch + 1;
      await client.query(`UPDATE session_leases SET node_id = $2, epoch = $3, claimed_at = ${DB_NOW} WHERE session_id = $1`, [sessionId, this.nodeId, epoch]);
      return { nodeId: this.nodeId, path: this.path, epoch, mine: true };
    });
    if (owner?.mine) this.#held.set(sessionId, owner.epoch);
    else this.#held.delete(sessionId);
    return owner;
  }

  /** The epoch this node holds for the session (null: not this node's, as far as it knows). */
  epochOf(sessionId: string): number | null {
    return this.#held.get(sessionId) ?? null;
  }

  /** Forgets a session this node lost or let go of. */
  forget(sessionId: string): void {
    this.#held.delete(sessionId);
  }

  /**
   * Hands this node's sessions over (SIGTERM): marked draining, so the next route of each
   * of its sessions claims it elsewhere. The node's sockets are then closed by the caller.
   */
  async drain(): Promise<void> {
    this.#draining = true;
    await this.#pool.query('UPDATE nodes SET draining = TRUE WHERE id = $1', [this.nodeId]);
    this.#held.clear();
  }

  /** Stops heartbeating. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}

/**
 * Inside a commit transaction: refuses (FencedError) unless `nodeId` holds the session with
 * `epoch`, and holds the lease row until the transaction ends, so no claim can slip in
 * between this check and the commit.
 */
export async function fenceCheck(c: pg.PoolClient, sessionId: string, nodeId: string, epoch: number | null): Promise<void> {
  if (epoch === null) throw new FencedError(sessionId);
  const { rows } = await c.query<{ one: number }>('SELECT 1 AS one FROM session_leases WHERE session_id = $1 AND node_id = $2 AND epoch = $3 FOR SHARE', [
    sessionId,
    nodeId,
    epoch,
  ]);
  if (rows.length === 0) throw new FencedError(sessionId);
}
