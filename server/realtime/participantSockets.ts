/**
 * Each participant's open sockets, and what they share. A phone may hold more than one socket
 * for a moment (a reload, a second tab), but the allowance is the person's, not the socket's:
 * twenty sockets on one device token used to get twenty times the rate. So every socket of
 * a participant takes from one token bucket, and past `maxSockets` the oldest socket is
 * closed (the newest is the page the person is looking at).
 *
 * It is also how a message reaches one person (their snapshot, a move to another group):
 * a Socket.IO room per participant cost a Set, a map entry and a name per phone (about
 * 200 bytes at 5,000 phones) for what this map already knows. Only this node's sockets are
 * here, and that is all of them: a session's phones connect to the node that owns it.
 */
import { TokenBucket, type BucketOptions } from './rateLimit.ts';

interface Closable {
  disconnect(close?: boolean): unknown;
}

interface Entry<S> {
  readonly bucket: TokenBucket;
  /** Oldest first. */
  readonly sockets: S[];
}

const NONE: readonly never[] = [];

export class ParticipantSockets<S extends Closable = Closable> {
  private readonly byParticipant = new Map<string, Entry<S>>();

  constructor(
    private readonly opts: { readonly limits: BucketOptions; readonly maxSockets: number },
    private readonly now: () => number,
  ) {}

  /**
   * Registers a socket of `participantId` (again: no change) and returns the bucket its
   * events take from. Closes the oldest socket past the cap.
   */
  enter(participantId: string, socket: S): TokenBucket {
    let entry = this.byParticipant.get(participantId);
    if (!entry) this.byParticipant.set(participantId, (entry = { bucket: new TokenBucket(this.opts.limits, this.now()), sockets: [] }));
    if (entry.sockets.includes(socket)) return entry.bucket;
    entry.sockets.push(socket);
    while (entry.sockets.length > this.opts.maxSockets) entry.sockets.shift()!.disconnect(true);
    return entry.bucket;
  }

  leave(participantId: string, socket: S): void {
    const entry = this.byParticipant.get(participantId);
    if (!entry) return;
    const i = entry.sockets.indexOf(socket);
    if (i >= 0) entry.sockets.splice(i, 1);
    if (entry.sockets.length === 0) this.byParticipant.delete(participantId);
  }

  /** The participant's open sockets on this node, oldest first (none: an empty list). */
  socketsOf(participantId: string): readonly S[] {
    return this.byParticipant.get(participantId)?.sockets ?? NONE;
  }
}
