/**
 * Messages between the bench coordinator (scripts/bench.ts) and its client worker threads
 * (scripts/lib/bench/worker.ts). All times are `clock()` values (ms, high resolution, the
 * same clock in every thread).
 */
import type { Role } from '../../../shared/constants.ts';

export interface ParticipantSpec {
  /** Global index 0..N-1. */
  readonly idx: number;
  readonly session: number;
  readonly code: string;
  readonly name: string;
  readonly role: Role;
  readonly organisation: string;
  readonly deviceId: string;
}

export interface WorkerData {
  /** file: URL of worker.ts, loaded by worker-entry.mjs after registering tsx. */
  readonly entry: string;
  readonly workerId: number;
  readonly url: string;
  readonly participants: readonly ParticipantSpec[];
}

export type ToWorker =
  | { readonly type: 'join'; readonly concurrency: number; readonly timeoutMs: number }
  | { readonly type: 'awaitGroups'; readonly timeoutMs: number }
  | { readonly type: 'arm'; readonly action: number }
  | { readonly type: 'collectPace' }
  | { readonly type: 'resetCounts' }
  | { readonly type: 'counts' }
  | {
      readonly type: 'groupWork';
      readonly startAt: number;
      readonly durationMs: number;
      readonly topicId: string;
      readonly questionIds: readonly string[];
      readonly ratingEvery: number;
    }
  /** Ends the running group work at once (its writes so far still count). */
  | { readonly type: 'stopGroupWork' }
  | { readonly type: 'burst'; readonly startAt: number; readonly spreadMs: number; readonly topicId: string; readonly questionId: string }
  | { readonly type: 'collectUpdates' }
  | { readonly type: 'reconnect'; readonly fraction: number; readonly windowMs: number; readonly timeoutMs: number }
  | { readonly type: 'stats' }
  | { readonly type: 'close' };

export interface JoinSample {
  readonly idx: number;
  readonly ok: boolean;
  readonly error: string | null;
  readonly startAt: number;
  readonly endAt: number;
  /** io() → 'connect'. */
  readonly connectMs: number | null;
  /** session:join emit → ack. */
  readonly ackMs: number | null;
}

export interface Membership {
  readonly idx: number;
  readonly participantId: string;
  readonly groupId: string | null;
  /** When this participant's snapshot with its group arrived. */
  readonly at: number | null;
}

export interface AckStats {
  sent: number;
  ok: number;
  refused: Record<string, number>;
  timeouts: number;
  latencies: number[];
}

export type FromWorker =
  | { readonly type: 'ready'; readonly workerId: number }
  | { readonly type: 'joined'; readonly samples: JoinSample[]; readonly connectErrors: number }
  | { readonly type: 'groups'; readonly members: Membership[]; readonly missing: number }
  | { readonly type: 'armed'; readonly action: number }
  | { readonly type: 'actionDone'; readonly action: number; readonly received: number; readonly expected: number }
  | {
      readonly type: 'pace';
      /** Per action: flat [idx, t, idx, t, …] of the first pace event each participant received after arming. */
      readonly receipts: Record<number, number[]>;
    }
  | {
      readonly type: 'counts';
      /** Per joined participant: participant:events messages, snapshots, and events inside them. */
      readonly messages: number[];
      readonly snapshots: number[];
      readonly events: number[];
      /** This worker thread's own event-loop delay since the last resetCounts: high values mean the client side, not the server, is the bottleneck. */
      readonly loopP99Ms: number;
      readonly loopMaxMs: number;
    }
  | { readonly type: 'groupWorkDone'; readonly acks: AckStats; readonly ratings: AckStats }
  | { readonly type: 'burstDone'; readonly acks: AckStats }
  | {
      readonly type: 'updates';
      /** Flat [seq, senderIdx, t, …] of every tagged update this worker sent. */
      readonly sends: number[];
      /** Flat [seq, receiverIdx, t, …] of every tagged update a participant of this worker received. */
      readonly receipts: number[];
      /** Flat [seq, t, …]: when each tagged update was acknowledged (accepted) by the server. */
      readonly acked: number[];
    }
  | {
      readonly type: 'reconnected';
      readonly dropped: number;
      /** connect() → participant:snapshot, ms. */
      readonly samples: number[];
      readonly failures: number;
      readonly failureReasons: Readonly<Record<string, number>>;
    }
  | {
      readonly type: 'stats';
      readonly unexpectedDisconnects: number;
      readonly reasons: Readonly<Record<string, number>>;
      readonly connectErrors: number;
      readonly removed: number;
    }
  | { readonly type: 'closed' }
  | { readonly type: 'error'; readonly message: string };
