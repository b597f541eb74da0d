/**
 * A member typing into the group's takeaway the way the phone does: a Y.Doc synced with
 * the server's state-vector/update protocol over the member's real socket. Edits are
 * collected while offline and sent (as the sync's "what the server misses") on return.
 */
import * as Y from 'yjs';
import { TAKEAWAY_YTEXT } from '../../shared/constants.ts';
import type { Ack } from '../../shared/protocol/ack.ts';
import { toBytes } from '../../shared/protocol/bytes.ts';
import type { TakeawaySyncResult } from '../../shared/protocol/events.ts';
import { op, send, type Phone } from './harness.ts';

export class TakeawayWriter {
  readonly doc = new Y.Doc();
  readonly text = this.doc.getText(TAKEAWAY_YTEXT);
  /** Local updates not yet acknowledged. */
  private queue: Uint8Array[] = [];
  private listening: Phone['socket'] | null = null;

  constructor(
    readonly phone: Phone,
    readonly groupId: string,
  ) {
    this.doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') this.queue.push(u);
    });
    this.listen();
  }

  /** Follows relayed updates on the phone's current socket (a reload opens a new one). */
  private listen(): void {
    if (this.listening === this.phone.socket) return;
    this.listening = this.phone.socket;
    this.phone.socket.on('takeaway:update', (m) => {
      if (m.groupId === this.groupId) Y.applyUpdate(this.doc, toBytes(m.update), 'remote');
    });
  }

  /** Sync step 1 and 2, then sends what the server misses. */
  async sync(): Promise<Ack<unknown>> {
    this.listen();
    const ack = (await send(this.phone.socket, 'takeaway:sync', {
      groupId: this.groupId,
      stateVector: Y.encodeStateVector(this.doc),
    })) as Ack<TakeawaySyncResult>;
    if (!ack.ok) return ack;
    Y.applyUpdate(this.doc, toBytes(ack.data.update), 'remote');
    this.queue = [Y.encodeStateAsUpdate(this.doc, toBytes(ack.data.stateVector))];
    return this.flush();
  }

  /** Types `words` at a position (default: the end). */
  type(words: string, at = this.text.length): void {
    this.text.insert(Math.min(at, this.text.length), words);
  }

  /** Sends the pending edits as one update; resolves with the server's acknowledgement. */
  async flush(): Promise<Ack<unknown>> {
    if (!this.queue.length) return { ok: true, data: null };
    const update = Y.mergeUpdates(this.queue);
    this.queue = [];
    const opId = op();
    let ack = await send(this.phone.socket, 'takeaway:update', { opId, groupId: this.groupId, update });
    // Past the burst a participant may send 10 messages a second: wait for the allowance as the phone does.
    for (let i = 0; i < 20 && !ack.ok && ack.code === 'rate_limited'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      ack = await send(this.phone.socket, 'takeaway:update', { opId, groupId: this.groupId, update });
    }
    if (!ack.ok) this.queue.unshift(update);
    return ack;
  }

  toString(): string {
    return this.text.toString();
  }
}
