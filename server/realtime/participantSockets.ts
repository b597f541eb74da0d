/**
 * What one participant's connections share. A phone may hold more than one socket for a
 * moment (a reload, a second tab), but the allowance is the person's, not the socket's:
 * twenty sockets on one device token used to get twenty times the rate. So every socket of
 * a participant takes from one token bucket, and past `maxSockets` the oldest socket is
 * closed (the newest is the page the person is looking at).
 */
import { TokenBucket, type BucketOptions } from './rateLimit.ts';

interface Entry {
  readonly bucket: TokenBucket;
  /** Oldest first. */
  readonly sockets: { disconnect(close?: boolean): unknown }[];
}

export class ParticipantSockets {
  private readonly byParticipant = new Map<string, Entry>();

  constructor(
    private readonly opts: { readonly limits: BucketOptions; readonly maxSockets: number },
    private readonly now: () => number,
  ) {}

  /**
   * Registers a socket of `participantId` (again: no change) and returns the bucket its
   * events take from. Closes the oldest socket past the cap.
   */
  enter(participantId: string, socket: { disconnect(close?: boolean): unknown }): TokenBucket {
    let entry = this.byParticipant.get(participantId);
    if (!entry) this.byParticipant.set(participantId, (entry = { bucket: new TokenBucket(this.opts.limits, this.now()), sockets: [] }));
    if (entry.sockets.includes(socket)) return entry.bucket;
    entry.sockets.push(socket);
    while (entry.sockets.length > this.opts.maxSockets) entry.sockets.shift()!.disconnect(true);
    return entry.bucket;
  }

  leave(participantId: string, socket: { disconnect(close?: boolean): unknown }): void {
    const entry = this.byParticipant.get(participantId);
    if (!entry) return;
    const i = entry.sockets.indexOf(socket);
    if (i >= 0) entry.sockets.splice(i, 1);
    if (entry.sockets.length === 0) this.byParticipant.delete(participantId);
  }

  socketCount(participantId: string): number {
    return this.byParticipant.get(participantId)?.sockets.length ?? 0;
  }
}
