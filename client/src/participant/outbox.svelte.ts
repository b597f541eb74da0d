/**
 * The outbox: every write of the participant goes through here, so nothing typed is lost.
 * Operations are kept on the device (localStorage), sent one at a time in order, and
 * retried (same idempotency key) until the server acknowledges them. A definitive refusal
 * drops the operation and reports it; a missing answer or a temporary refusal keeps it.
 */
import type { Ack, AckError, ErrorCode } from '../../../shared/protocol/ack.ts';
import type {
  AnswerAddPayload,
  AnswerDeletePayload,
  AnswerEditPayload,
  RatingSetPayload,
} from '../../../shared/protocol/schemas.ts';
import { isRecord, readJson, removeKey, writeJson } from '../lib/storage.ts';

export type OutboxOp =
  | { readonly event: 'answer:add'; readonly payload: AnswerAddPayload }
  | { readonly event: 'answer:edit'; readonly payload: AnswerEditPayload }
  | { readonly event: 'answer:delete'; readonly payload: AnswerDeletePayload }
  | { readonly event: 'rating:set'; readonly payload: RatingSetPayload };

export type OutboxEntry = OutboxOp & { readonly id: string; readonly queuedAt: number };

/** Sends one operation; resolves to its acknowledgement, or 'no_answer' when none came. */
export type OutboxSender = (op: OutboxOp) => Promise<Ack<unknown> | 'no_answer'>;

/** Refusals that will never turn into a success by trying again. */
const DEFINITIVE: ReadonlySet<ErrorCode> = new Set(['invalid', 'forbidden', 'not_found', 'conflict', 'ended', 'locked', 'full']);
/** Refusals that mean "not as who you think you are": wait for a new connection (or removal) instead of retrying. */
const WAIT_FOR_RECONNECT: ReadonlySet<ErrorCode> = new Set(['unauthorized']);

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 15_000;

interface Stored {
  readonly v: 1;
  readonly entries: OutboxEntry[];
  /** The latest edit counter this device used per answer: consecutive edits must keep increasing. */
  readonly revs: Record<string, number>;
}

// (An outbox stored by an older version may hold 'takeaway:set', which no longer exists: it is not restored.)
const EVENTS = new Set(['answer:add', 'answer:edit', 'answer:delete', 'rating:set']);

function isStored(v: unknown): v is Stored {
  return (
    isRecord(v) &&
    v.v === 1 &&
    Array.isArray(v.entries) &&
    v.entries.every((e) => isRecord(e) && typeof e.id === 'string' && typeof e.event === 'string' && EVENTS.has(e.event) && isRecord(e.payload)) &&
    isRecord(v.revs)
  );
}

export interface OutboxOptions {
  readonly storageKey: string;
  readonly send: OutboxSender;
  /** Called when the server refused an operation for good (it has left the queue). */
  readonly onRefused?: (entry: OutboxEntry, ack: AckError) => void;
  readonly newId: () => string;
}

export class Outbox {
  entries = $state<OutboxEntry[]>([]);
  /** Id of the entry on the wire right now, if any. */
  inFlight = $state<string | null>(null);

  #revs: Record<string, number> = {};
  #ready = false;
  #running = false;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #retryDelay = RETRY_MIN_MS;
  #interrupt: (() => void) | null = null;
  /** Counts connection losses, to tell a stale "no answer" from a fresh one. */
  #generation = 0;
  readonly #opts: OutboxOptions;

  constructor(opts: OutboxOptions) {
    this.#opts = opts;
    const stored = readJson(opts.storageKey, isStored);
    if (stored) {
      this.entries = stored.entries;
      this.#revs = { ...stored.revs };
    }
  }

  get size(): number {
    return this.entries.length;
  }

  enqueue(op: OutboxOp): OutboxEntry {
    const entry = { ...op, id: this.#opts.newId(), queuedAt: Date.now() } as OutboxEntry;
    let entries = this.entries;
    // Ratings: clicking through 1..5 should not send five messages. Replace a waiting
    // rating for the same topic and the same scale; it has no effect on anything else.
    if (op.event === 'rating:set') {
      const fields = (p: RatingSetPayload) => `${p.now !== undefined}/${p.want !== undefined}`;
      entries = entries.filter(
        (e) =>
          e.id === this.inFlight ||
          e.event !== 'rating:set' ||
          e.payload.topicId !== op.payload.topicId ||
          fields(e.payload) !== fields(op.payload),
      );
    }
    this.entries = [...entries, entry];
    this.#persist();
    void this.#run();
    return entry;
  }

  /** The rev for the next edit of an answer: above the server's, and above every rev this device already used. */
  nextRev(answerId: string, serverRev: number | undefined): number {
    const rev = Math.max(serverRev ?? 1, this.#revs[answerId] ?? 0) + 1;
    this.#revs[answerId] = rev;
    this.#persist();
    return rev;
  }

  /** Connected and known to the server: send. Not ready: hold everything. */
  setReady(ready: boolean): void {
    this.#ready = ready;
    if (!ready) {
      this.#generation++;
      this.#interrupt?.();
    }
    if (ready) {
      this.#retryDelay = RETRY_MIN_MS;
      this.#clearRetry();
      void this.#run();
    } else {
      this.#clearRetry();
    }
  }

  /** Removes everything (after the person was removed or the session ended) and returns what was waiting. */
  drain(): OutboxEntry[] {
    const left = this.entries;
    this.entries = [];
    this.#revs = {};
    this.#ready = false;
    this.#interrupt?.();
    this.#clearRetry();
    removeKey(this.#opts.storageKey);
    return left;
  }

  dispose(): void {
    this.#ready = false;
    this.#interrupt?.();
    this.#clearRetry();
  }

  #clearRetry(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }

  #persist(): void {
    if (this.entries.length === 0 && Object.keys(this.#revs).length === 0) removeKey(this.#opts.storageKey);
    else writeJson(this.#opts.storageKey, { v: 1, entries: $state.snapshot(this.entries), revs: this.#revs } satisfies Stored);
  }

  #remove(id: string): void {
    this.entries = this.entries.filter((e) => e.id !== id);
    // Revs are only needed while edits can still be made; keep them small by forgetting them when idle.
    if (this.entries.length === 0) this.#revs = {};
    this.#persist();
  }

  #scheduleRetry(): void {
    this.#clearRetry();
    const delay = this.#retryDelay;
    this.#retryDelay = Math.min(this.#retryDelay * 2, RETRY_MAX_MS);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      void this.#run();
    }, delay);
  }

  async #run(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      while (this.#ready && !this.#retryTimer) {
        const entry = this.entries[0];
        if (!entry) break;
        this.inFlight = entry.id;
        // A dropped connection never delivers the acknowledgement: stop waiting for it then,
        // so the reconnect sends it again at once (same idempotency key) instead of after a timeout.
        const interrupted = new Promise<'interrupted'>((resolve) => (this.#interrupt = () => resolve('interrupted')));
        const generation = this.#generation;
        let result: Ack<unknown> | 'no_answer' | 'interrupted';
        try {
          result = await Promise.race([this.#opts.send(entry), interrupted]);
        } catch {
          result = 'no_answer';
        }
        this.#interrupt = null;
        this.inFlight = null;
        // Lost with a connection that has dropped since: not a reason to back off.
        if (result === 'interrupted' || (result === 'no_answer' && generation !== this.#generation)) continue;
        if (result === 'no_answer') {
          if (this.#ready) this.#scheduleRetry();
          break;
        }
        if (result.ok) {
          this.#retryDelay = RETRY_MIN_MS;
          this.#remove(entry.id);
          continue;
        }
        if (DEFINITIVE.has(result.code)) {
          this.#remove(entry.id);
          this.#opts.onRefused?.(entry, result);
          continue;
        }
        if (WAIT_FOR_RECONNECT.has(result.code)) {
          this.#ready = false;
          break;
        }
        // rate_limited, internal or anything new: keep it, try again a bit later.
        this.#scheduleRetry();
        break;
      }
    } finally {
      this.inFlight = null;
      this.#running = false;
    }
  }
}
