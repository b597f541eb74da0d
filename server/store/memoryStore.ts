/**
 * In-memory SessionStore for fast unit tests. Behaves like the SQLite store (same errors,
 * same ordering, same atomicity) but keeps nothing across processes. Everything is
 * structuredClone'd on the way in and on the way out, so neither the caller's later
 * mutations nor mutations of returned values can change what is stored.
 */
import {
  bySession,
  DuplicateOpError,
  SeqConflictError,
  type AppendEntry,
  type BatchResult,
  type Commit,
  type LatestState,
  type Snapshot,
  type ParticipantToken,
  type SessionRecord,
  type SessionStore,
  type WorkPackageRequest,
} from './types.ts';

interface StoredSession {
  record: SessionRecord;
  commits: Commit[];
  opIds: Set<string>;
  tokenHashes: Set<string>;
  snapshot: Snapshot | null;
  /** participantId → request. */
  workPackages: Map<string, WorkPackageRequest>;
}

function byCreation(a: SessionRecord, b: SessionRecord): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export class MemoryStore implements SessionStore {
  readonly #sessions = new Map<string, StoredSession>();
  /** code → session id */
  readonly #codes = new Map<string, string>();
  readonly #tokens = new Map<string, ParticipantToken>();
  #closed = false;

  #open(): void {
    if (this.#closed) throw new Error('store is closed');
  }

  async createSession(record: SessionRecord, first: Commit): Promise<void> {
    this.#open();
    if (first.seq !== 1) throw new SeqConflictError(record.id, first.seq);
    if (this.#sessions.has(record.id)) throw new Error(`session ${record.id} already exists`);
    if (this.#codes.has(record.code)) throw new Error(`join code ${record.code} is already in use`);
    const stored: StoredSession = {
      record: structuredClone(record),
      commits: [structuredClone(first)],
      opIds: new Set(first.opId === null ? [] : [first.opId]),
      tokenHashes: new Set(),
      workPackages: new Map(),
      snapshot: null,
    };
    this.#sessions.set(record.id, stored);
    this.#codes.set(record.code, record.id);
  }

  async getSession(id: string): Promise<SessionRecord | null> {
    this.#open();
    const s = this.#sessions.get(id);
    return s ? structuredClone(s.record) : null;
  }

  async findSessionByCode(code: string): Promise<SessionRecord | null> {
    this.#open();
    const id = this.#codes.get(code);
    const s = id === undefined ? undefined : this.#sessions.get(id);
    return s ? structuredClone(s.record) : null;
  }

  async listSessions(): Promise<SessionRecord[]> {
    this.#open();
    return [...this.#sessions.values()].map((s) => structuredClone(s.record)).sort(byCreation);
  }

  async append(sessionId: string, commit: Commit, tokens: readonly ParticipantToken[] = []): Promise<void> {
    const { failed } = await this.appendBatch([{ sessionId, commit, tokens }]);
    const err = failed.get(sessionId);
    if (err) throw err;
  }

  async appendBatch(entries: readonly AppendEntry[]): Promise<BatchResult> {
    this.#open();
    // Per session, like the SQLite store's savepoints: all of a session's entries or none,
    // and one session's failure leaves the others alone.
    const failed = new Map<string, Error>();
    for (const [sessionId, ofSession] of bySession(entries)) {
      try {
        this.#check(sessionId, ofSession);
      } catch (err) {
        failed.set(sessionId, err instanceof Error ? err : new Error(String(err)));
        continue;
      }
      const s = this.#sessions.get(sessionId)!;
      for (const { commit, tokens = [], snapshot, supersedes = [] } of ofSession) {
        if (supersedes.length) {
          const gone = new Set(supersedes.filter((seq) => seq < commit.seq));
          for (const c of s.commits) if (gone.has(c.seq) && c.opId !== null) s.opIds.delete(c.opId);
          s.commits = s.commits.filter((c) => !gone.has(c.seq));
        }
        s.commits.push(structuredClone(commit));
        if (commit.opId !== null) s.opIds.add(commit.opId);
        for (const t of tokens) {
          this.#tokens.set(t.tokenHash, structuredClone(t));
          s.tokenHashes.add(t.tokenHash);
        }
        if (snapshot) s.snapshot = { seq: snapshot.seq, state: snapshot.state };
      }
    }
    return { failed };
  }

  /** Validates one session's entries (each seeing the ones before it) without changing anything. */
  #check(sessionId: string, entries: readonly AppendEntry[]): void {
    const s = this.#sessions.get(sessionId);
    if (!s) throw new Error(`unknown session ${sessionId}`);
    const seen = new Set<string>();
    const newTokens = new Set<string>();
    let expected = (s.commits.at(-1)?.seq ?? 0) + 1;
    for (const { commit, tokens = [], snapshot } of entries) {
      for (const t of tokens) {
        if (t.sessionId !== sessionId) {
          throw new Error(`participant token for session ${t.sessionId} appended to session ${sessionId}`);
        }
      }
      if (commit.opId !== null && (s.opIds.has(commit.opId) || seen.has(commit.opId))) throw new DuplicateOpError(sessionId, commit.opId);
      if (commit.seq !== expected) throw new SeqConflictError(sessionId, commit.seq);
      expected++;
      if (commit.opId !== null) seen.add(commit.opId);
      for (const t of tokens) {
        if (this.#tokens.has(t.tokenHash) || newTokens.has(t.tokenHash)) throw new Error('participant token hash already exists');
        newTokens.add(t.tokenHash);
      }
      if (snapshot && snapshot.seq !== commit.seq) throw new Error(`snapshot at seq ${snapshot.seq} given with commit ${commit.seq}`);
    }
  }

  async loadCommits(sessionId: string): Promise<Commit[]> {
    this.#open();
    const s = this.#sessions.get(sessionId);
    return s ? structuredClone(s.commits) : [];
  }

  async loadLatest(sessionId: string): Promise<LatestState> {
    this.#open();
    const s = this.#sessions.get(sessionId);
    if (!s) return { snapshot: null, commits: [] };
    const after = s.snapshot?.seq ?? 0;
    return { snapshot: s.snapshot && { ...s.snapshot }, commits: structuredClone(s.commits.filter((c) => c.seq > after)) };
  }

  async storedBytes(sessionId: string): Promise<number> {
    this.#open();
    const s = this.#sessions.get(sessionId);
    if (!s) return 0;
    let n = s.snapshot?.state.length ?? 0;
    for (const c of s.commits) n += JSON.stringify(c.events).length;
    return n;
  }

  async recentOpIds(sessionId: string, limit: number): Promise<string[]> {
    this.#open();
    const commits = this.#sessions.get(sessionId)?.commits ?? [];
    return commits
      .slice(Math.max(0, commits.length - limit))
      .reverse()
      .flatMap((c) => (c.opId === null ? [] : [c.opId]));
  }

  async findParticipantToken(tokenHash: string): Promise<ParticipantToken | null> {
    this.#open();
    const t = this.#tokens.get(tokenHash);
    return t ? structuredClone(t) : null;
  }

  async markEnded(sessionId: string, at: number): Promise<void> {
    this.#open();
    const s = this.#sessions.get(sessionId);
    if (s) s.record = { ...s.record, endedAt: at };
  }

  async setDerivedScreenSecretHash(sessionId: string, hash: string): Promise<void> {
    this.#open();
    const s = this.#sessions.get(sessionId);
    if (s) s.record = { ...s.record, derivedScreenSecretHash: hash };
  }

  async deleteSession(sessionId: string): Promise<void> {
    this.#open();
    this.#delete(sessionId);
  }

  async deleteSessionsCreatedBefore(cutoff: number): Promise<string[]> {
    this.#open();
    const ids = [...this.#sessions.values()]
      .map((s) => s.record)
      .filter((r) => r.createdAt < cutoff)
      .sort(byCreation)
      .map((r) => r.id);
    for (const id of ids) this.#delete(id);
    return ids;
  }

  async putWorkPackageRequest(r: WorkPackageRequest): Promise<void> {
    this.#open();
    const s = this.#sessions.get(r.sessionId);
    if (!s) throw new Error(`session ${r.sessionId} does not exist`);
    s.workPackages.set(r.participantId, structuredClone(r));
  }

  async deleteWorkPackageRequest(sessionId: string, participantId: string): Promise<void> {
    this.#open();
    this.#sessions.get(sessionId)?.workPackages.delete(participantId);
  }

  async listWorkPackageRequests(sessionId: string): Promise<WorkPackageRequest[]> {
    this.#open();
    const list = [...(this.#sessions.get(sessionId)?.workPackages.values() ?? [])];
    return structuredClone(list.sort((a, b) => a.at - b.at || (a.participantId < b.participantId ? -1 : 1)));
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #delete(sessionId: string): void {
    const s = this.#sessions.get(sessionId);
    if (!s) return;
    for (const hash of s.tokenHashes) this.#tokens.delete(hash);
    this.#codes.delete(s.record.code);
    this.#sessions.delete(sessionId);
  }
}
