/**
 * The phone's side of the group's takeaway: a Yjs document synced with the server over the
 * session's socket (the state-vector/update protocol), kept on the device so offline edits
 * survive a reload, and merged when the phone is back. Part of the takeaway chunk: Yjs is
 * only downloaded when the group reaches this step.
 *
 * Sync: on every (re)connect the phone sends its state vector and gets what it misses plus
 * the server's state vector; it then sends what the server misses. Live edits go out as
 * updates, one message at a time (what piles up meanwhile is merged into one); an edit
 * counts as confirmed once the server acknowledged it, which means it is on disk.
 */
import { nanoid } from 'nanoid';
import * as Y from 'yjs';
import { TAKEAWAY_YTEXT } from '../../../../shared/constants.ts';
import type { AckError } from '../../../../shared/protocol/ack.ts';
import { toBytes } from '../../../../shared/protocol/bytes.ts';
import type { TakeawayRelay } from '../../../../shared/protocol/events.ts';
import { NO_ANSWER, request, type AppSocket } from '../../lib/socket.ts';
import { isRecord, readJson, writeJson } from '../../lib/storage.ts';

/** Transaction origin of changes that came from the server (everything else is typed here). */
export const REMOTE = Symbol('remote');

/** Typing sends at most this often; a pause sends at once. */
const SEND_DELAY_MS = 150;

interface Stored {
  readonly v: 1;
  /** Y.encodeStateAsUpdate of the document, base64. */
  readonly doc: string;
  /** There were edits the server had not confirmed. */
  readonly pending: boolean;
}

const isStored = (v: unknown): v is Stored => isRecord(v) && v.v === 1 && typeof v.doc === 'string' && typeof v.pending === 'boolean';

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export interface TakeawaySyncOptions {
  readonly groupId: string;
  /** localStorage key of this group's document on this device. */
  readonly storageKey: string;
  /** A refusal from the server (shown by the page). */
  readonly onRefused: (ack: AckError) => void;
}

export class TakeawaySync {
  /** Replaced (with `generation` bumped) only when the server refused this phone's edits for good. */
  doc = $state.raw(new Y.Doc());
  text = $derived(this.doc.getText(TAKEAWAY_YTEXT));
  generation = $state(0);
  /** Edits on this phone that the server has not confirmed yet ("nog niet verzonden"). */
  pending = $state(false);
  /** The first sync with the server is done (the text shown is the group's, not only this phone's). */
  synced = $state(false);
  /** This phone's text when the server refused its edits: shown so it can be copied, never silently dropped. */
  refusedText = $state<string | null>(null);

  #opts: TakeawaySyncOptions;
  #socket: AppSocket | null = null;
  /** Local updates not yet sent. */
  #queue: Uint8Array[] = [];
  #inflight = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #saveTimer: ReturnType<typeof setTimeout> | null = null;
  #round = 0;
  #destroyed = false;

  constructor(opts: TakeawaySyncOptions) {
    this.#opts = opts;
    const stored = readJson(opts.storageKey, isStored);
    if (stored) {
      try {
        Y.applyUpdate(this.doc, fromBase64(stored.doc), REMOTE);
        this.pending = stored.pending;
      } catch {
        // A damaged copy: the server's text comes with the sync.
      }
    }
    this.#listen(this.doc);
  }

  #listen(doc: Y.Doc): void {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.#saveSoon();
      if (origin === REMOTE) return;
      this.#queue.push(update);
      this.pending = true;
      this.#sendSoon();
    });
  }

  /**
   * The server refused this phone's edits for good (too long, or a document it cannot
   * apply): later edits would build on them and be refused too. Start again from the
   * group's text, keeping this phone's text visible.
   */
  #reset(): void {
    this.refusedText = this.text.toString();
    this.doc.destroy();
    const doc = new Y.Doc();
    this.#listen(doc);
    this.doc = doc;
    this.#queue = [];
    this.pending = false;
    this.synced = false;
    this.generation++;
    this.#save();
    const socket = this.#socket;
    if (socket?.connected) void this.#sync(socket);
  }

  dismissRefused(): void {
    this.refusedText = null;
  }

  /** Starts (or restarts, after a reconnect) the sync on this socket. */
  attach(socket: AppSocket | null): void {
    if (this.#socket !== socket) {
      this.#socket?.off('takeaway:update', this.#onRelay);
      this.#socket = socket;
      socket?.on('takeaway:update', this.#onRelay);
    }
    if (socket?.connected) void this.#sync(socket);
  }

  destroy(): void {
    this.#destroyed = true;
    this.#socket?.off('takeaway:update', this.#onRelay);
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
    this.#save();
    this.doc.destroy();
  }

  #onRelay = (message: TakeawayRelay): void => {
    if (message.groupId !== this.#opts.groupId || this.#destroyed) return;
    try {
      Y.applyUpdate(this.doc, toBytes(message.update), REMOTE);
    } catch {
      // The server only relays what it could apply; a damaged frame is repaired by the next sync.
    }
  };

  async #sync(socket: AppSocket): Promise<void> {
    const round = ++this.#round;
    const ack = await request(socket, 'takeaway:sync', { groupId: this.#opts.groupId, stateVector: Y.encodeStateVector(this.doc) });
    if (this.#destroyed || round !== this.#round || ack === NO_ANSWER) return;
    if (!ack.ok) {
      this.#opts.onRefused(ack);
      return;
    }
    Y.applyUpdate(this.doc, toBytes(ack.data.update), REMOTE);
    // Everything the server lacks, whatever was queued or lost in flight: one update replaces the queue.
    const missing = Y.encodeStateAsUpdate(this.doc, toBytes(ack.data.stateVector));
    this.#queue = [missing];
    this.synced = true;
    this.#inflight = false;
    void this.#flush();
  }

  #sendSoon(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#flush();
    }, SEND_DELAY_MS);
  }

  async #flush(): Promise<void> {
    const socket = this.#socket;
    if (!this.synced || this.#inflight || this.#destroyed || !socket?.connected) return;
    if (!this.#queue.length) return;
    const update = this.#queue.length === 1 ? this.#queue[0]! : Y.mergeUpdates(this.#queue);
    this.#queue = [];
    this.#inflight = true;
    const round = this.#round;
    const ack = await request(socket, 'takeaway:update', { opId: nanoid(), groupId: this.#opts.groupId, update });
    if (this.#destroyed || round !== this.#round) return; // a new sync took over (it resends whatever is missing)
    this.#inflight = false;
    if (ack === NO_ANSWER) {
      // Kept: sent again with what follows (Yjs applies an update once, however often it arrives).
      this.#queue.unshift(update);
      return;
    }
    if (!ack.ok) {
      if (ack.code === 'rate_limited' || ack.code === 'internal') {
        this.#queue.unshift(update);
        this.#sendSoon();
        return;
      }
      this.#opts.onRefused(ack);
      if (ack.code === 'invalid') this.#reset();
      return;
    }
    if (this.#queue.length) void this.#flush();
    else {
      this.pending = false;
      this.#saveSoon();
    }
  }

  #saveSoon(): void {
    if (this.#saveTimer) return;
    this.#saveTimer = setTimeout(() => {
      this.#saveTimer = null;
      this.#save();
    }, 300);
  }

  #save(): void {
    if (this.doc.isDestroyed) return;
    writeJson(this.#opts.storageKey, { v: 1, doc: toBase64(Y.encodeStateAsUpdate(this.doc)), pending: this.pending } satisfies Stored);
  }
}
