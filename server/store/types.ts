/**
 * The storage seam. A session is stored as its record (for lookups and retention) plus an
 * append-only list of commits, one per accepted command, each holding the domain events
 * that command produced. Replaying the commits rebuilds the session exactly. The one
 * exception to append-only: a commit may name earlier ones it supersedes (an answer's
 * previous edit), which go in the same write; replaying what is left gives the same state.
 *
 * Every method is async so that a networked backend (Postgres, planned for running several
 * servers) fits the same interface; the embedded SQLite store answers synchronously inside.
 * When a promise from `append` or `createSession` resolves, the data is durable: the server
 * acknowledges a client only after that.
 *
 * Every backend must pass tests/integration/store-contract.test.ts.
 */
import type { DomainEvent } from '../../shared/domain/events.ts';

export interface SessionRecord {
  readonly id: string;
  readonly code: string;
  readonly createdAt: number;
  /** SHA-256 (hex) of the facilitator secret; the secret itself is never stored. */
  readonly facilitatorSecretHash: string;
  /** SHA-256 (hex) of the shared-screen secret. */
  readonly screenSecretHash: string;
  /**
   * SHA-256 of a second screen secret, derived from the facilitator secret, for sessions made
   * before screen secrets were derived (their first one was random and only one device knew it).
   */
  readonly derivedScreenSecretHash?: string | null;
  readonly endedAt: number | null;
}

export interface Commit {
  /**
   * 1-based position in the session's history, assigned by the caller (the session's serial
   * queue): one more than the last commit's. Commits a later one superseded are gone, so
   * there may be gaps.
   */
  readonly seq: number;
  /** Idempotency key of the client operation that produced it, if any. Unique per session. */
  readonly opId: string | null;
  readonly at: number;
  readonly events: readonly DomainEvent[];
}

/**
 * The whole session state as it stood right after commit `seq`, serialised (JSON of a
 * SessionState). Loading reads the latest snapshot and only the commits after it. The store
 * does not look inside: whatever the state holds (answers, compacted documents, ...) is
 * the caller's business.
 */
export interface Snapshot {
  readonly seq: number;
  readonly state: string;
}

export interface AppendEntry {
  readonly sessionId: string;
  readonly commit: Commit;
  readonly tokens?: readonly ParticipantToken[];
  /** The state right after this commit (`snapshot.seq === commit.seq`); replaces the session's snapshot. */
  readonly snapshot?: Snapshot;
  /**
   * Earlier commits of this session (by seq, each below `commit.seq`) that this one makes
   * redundant, e.g. an answer's previous edit: deleted in the same transaction as this commit
   * is written (both or neither). Seqs that do not exist are ignored. Replaying what is left
   * gives the same state: the caller only names commits whose every effect a later one overwrites.
   */
  readonly supersedes?: readonly number[];
}

/** What a group write did: the sessions whose entries were refused (none of their entries written). */
export interface BatchResult {
  readonly failed: ReadonlyMap<string, Error>;
}

/** What loading a session needs: its latest snapshot (if any) and every commit after it, in seq order. */
export interface LatestState {
  readonly snapshot: Snapshot | null;
  readonly commits: Commit[];
}

/** A participant's resume credential: SHA-256 of the device token → who they are. */
export interface ParticipantToken {
  readonly tokenHash: string;
  readonly sessionId: string;
  readonly participantId: string;
}

/**
 * A participant's request to receive the work packages (see shared/protocol/workPackages.ts):
 * kept apart from the dialogue, deleted with the session.
 */
export interface WorkPackageRequest {
  readonly sessionId: string;
  readonly participantId: string;
  readonly email: string;
  /** Which consent text the participant agreed to. */
  readonly consentVersion: string;
  readonly at: number;
}

export interface SessionStore {
  /** Creates the session with its first commit (which holds `session.created`), atomically. */
  createSession(record: SessionRecord, first: Commit): Promise<void>;
  getSession(id: string): Promise<SessionRecord | null>;
  /** Active (not deleted) session by join code, or null. Codes of deleted sessions stop working. */
  findSessionByCode(code: string): Promise<SessionRecord | null>;
  listSessions(): Promise<SessionRecord[]>;

  /**
   * Appends one commit and, atomically with it, any new participant tokens. Rejects with
   * `DuplicateOpError` when the session already has a commit with the same opId, and with
   * `SeqConflictError` when `seq` is not exactly the next position.
   */
  append(sessionId: string, commit: Commit, tokens?: readonly ParticipantToken[]): Promise<void>;
  /**
   * Group commit: appends several commits (of one or more sessions, in order) in one write,
   * with one flush to disk. Each entry is checked as `append` checks it, seeing the entries
   * before it. Sessions are isolated: when an entry fails, none of THAT session's entries in
   * the batch are written and the session is named in `failed` with the error; every other
   * session's entries are written as usual. The promise rejects only when the write as a
   * whole fails (then nothing is written).
   */
  appendBatch(entries: readonly AppendEntry[]): Promise<BatchResult>;
  /** All commits of a session in seq order ([] for an unknown session). */
  loadCommits(sessionId: string): Promise<Commit[]>;
  /** The latest snapshot and the commits after it; for a session without a snapshot, all commits. */
  loadLatest(sessionId: string): Promise<LatestState>;
  /** The opIds of the session's last `limit` commits that have one, newest first. */
  recentOpIds(sessionId: string, limit: number): Promise<string[]>;
  /**
   * Roughly how much of the store a session takes: the characters of its commits' events
   * (JSON) plus those of its snapshot (0 for an unknown session). For the per-session quota.
   */
  storedBytes(sessionId: string): Promise<number>;

  findParticipantToken(tokenHash: string): Promise<ParticipantToken | null>;

  markEnded(sessionId: string, at: number): Promise<void>;
  /** Stores the hash of a session's derived screen secret beside its first one. */
  setDerivedScreenSecretHash(sessionId: string, hash: string): Promise<void>;
  /** Deletes a session and everything of it (commits, tokens). Idempotent. */
  deleteSession(sessionId: string): Promise<void>;
  /** Deletes every session created before `cutoff`; returns their ids. */
  deleteSessionsCreatedBefore(cutoff: number): Promise<string[]>;

  /** Stores (or replaces) a participant's work-package request. Rejects for an unknown session. */
  putWorkPackageRequest(request: WorkPackageRequest): Promise<void>;
  /** Forgets a participant's request (withdrawn). Idempotent. */
  deleteWorkPackageRequest(sessionId: string, participantId: string): Promise<void>;
  /** A session's requests, oldest first. */
  listWorkPackageRequests(sessionId: string): Promise<WorkPackageRequest[]>;

  close(): Promise<void>;
}

/** Entries grouped per session, each group in batch order, sessions in order of first appearance. */
export function bySession(entries: readonly AppendEntry[]): Map<string, AppendEntry[]> {
  const groups = new Map<string, AppendEntry[]>();
  for (const e of entries) {
    const g = groups.get(e.sessionId);
    if (g) g.push(e);
    else groups.set(e.sessionId, [e]);
  }
  return groups;
}

export class DuplicateOpError extends Error {
  constructor(readonly sessionId: string, readonly opId: string) {
    super(`duplicate opId ${opId} in session ${sessionId}`);
    this.name = 'DuplicateOpError';
  }
}

export class SeqConflictError extends Error {
  constructor(readonly sessionId: string, readonly seq: number) {
    super(`seq ${seq} is not the next commit of session ${sessionId}`);
    this.name = 'SeqConflictError';
  }
}

/** A commit of a session this node no longer owns: another node claimed it (server/cluster/leases.ts). */
export class FencedError extends Error {
  constructor(readonly sessionId: string) {
    super(`session ${sessionId} is owned by another node now`);
    this.name = 'FencedError';
  }
}
