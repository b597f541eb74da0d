/**
 * In-memory SessionStore for fast unit tests. Behaves like the SQLite store (same errors,
 * same ordering, same atomicity) but keeps nothing across processes. Everything is
 * structuredClone'd on the way in and on the way out, so neither the caller's later
 * mutations nor mutations of returned values can change what is stored.
 */
import {
  DuplicateOpError,
  SeqConflictError,
  type AppendEntry,
  type Commit,
  type ParticipantToken,
  type SessionRecord,
  type SessionStore,
} from './types.ts';

interface StoredSession {
  record: SessionRecord;
  commits: Commit[];
  opIds: Set<string>;
  tokenHashes: Set<string>;
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
    return this.appendBatch([{ sessionId, commit, tokens }]);
  }

  async appendBatch(entries: readonly AppendEntry[]): Promise<void> {
    this.#open();
    // Validate every entry first (each seeing the ones before it), then mutate:
    // a rejected batch leaves nothing behind.
    const nextSeq = new Map<string, number>();
    const ops = new Map<string, Set<string>>();
    const newTokens = new Set<string>();
    for (const { sessionId, commit, tokens = [] } of entries) {
      const s = this.#sessions.get(sessionId);
      if (!s) throw new Error(`unknown session ${sessionId}`);
      for (const t of tokens) {
        if (t.sessionId !== sessionId) {
          throw new Error(`participant token for session ${t.sessionId} appended to session ${sessionId}`);
        }
      }
      let seen = ops.get(sessionId);
      if (!seen) ops.set(sessionId, (seen = new Set()));
      if (commit.opId !== null && (s.opIds.has(commit.opId) || seen.has(commit.opId))) throw new DuplicateOpError(sessionId, commit.opId);
      const expected = nextSeq.get(sessionId) ?? s.commits.length + 1;
      if (commit.seq !== expected) throw new SeqConflictError(sessionId, commit.seq);
      nextSeq.set(sessionId, expected + 1);
      if (commit.opId !== null) seen.add(commit.opId);
      for (const t of tokens) {
        if (this.#tokens.has(t.tokenHash) || newTokens.has(t.tokenHash)) throw new Error('participant token hash already exists');
        newTokens.add(t.tokenHash);
      }
    }
    for (const { sessionId, commit, tokens = [] } of entries) {
      const s = this.#sessions.get(sessionId)!;
      s.commits.push(structuredClone(commit));
      if (commit.opId !== null) s.opIds.add(commit.opId);
      for (const t of tokens) {
        this.#tokens.set(t.tokenHash, structuredClone(t));
        s.tokenHashes.add(t.tokenHash);
      }
    }
  }

  async loadCommits(sessionId: string): Promise<Commit[]> {
    this.#open();
    const s = this.#sessions.get(sessionId);
    return s ? structuredClone(s.commits) : [];
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
