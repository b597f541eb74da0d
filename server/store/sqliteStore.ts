/**
 * The embedded SessionStore: one SQLite file (better-sqlite3, synchronous). Every method is
 * async to fit the SessionStore seam, but does all its work synchronously before returning,
 * so when a promise resolves the write has been committed and fsync'ed.
 *
 * Durability: WAL journal with `synchronous = FULL`. In WAL mode, NORMAL only fsyncs at
 * checkpoints, so the last commits before a power cut can be lost (the database stays
 * consistent, but acknowledged answers would vanish). FULL fsyncs the WAL on every commit,
 * which is what makes "acknowledged ⇒ on disk" true even after a power cut or SIGKILL.
 * The cost is one fsync per transaction (roughly 0.1–few ms on SSDs, more on cloud disks);
 * commands are small and already serialised per session, so this is acceptable. WAL still
 * lets readers run while a write is in progress and avoids rewriting pages twice.
 *
 * Layout (see migrations.ts):
 *   sessions(id PK, code UNIQUE, created_at, facilitator_secret_hash, screen_secret_hash, ended_at)
 *   commits(session_id → sessions ON DELETE CASCADE, seq, op_id, at, events JSON,
 *           PK(session_id, seq), UNIQUE(session_id, op_id) WHERE op_id IS NOT NULL)
 *   participant_tokens(token_hash PK, session_id → sessions ON DELETE CASCADE, participant_id)
 *   snapshots(session_id PK → sessions ON DELETE CASCADE, seq, state JSON)
 *
 * Isolation in a group write: the batch is one transaction, and each session's entries run
 * inside their own SAVEPOINT (a nested better-sqlite3 transaction). A session whose entry
 * fails (deleted meanwhile, duplicate op, ...) is rolled back to its savepoint and reported;
 * the other sessions' commits in the same transaction are kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.ts';
import { READ_COLUMNS, SESSION_COLUMNS, toCommit, toRecord, type CommitRow, type SessionRow, type TokenRow } from './rows.ts';
import {
  DuplicateOpError,
  SeqConflictError,
  bySession,
  type AppendEntry,
  type BatchResult,
  type Commit,
  type LatestState,
  type ParticipantToken,
  type SessionRecord,
  type SessionStore,
  type WorkPackageRequest,
} from './types.ts';

function sqliteCode(err: unknown): string | undefined {
  return err instanceof Database.SqliteError ? err.code : undefined;
}

interface WorkPackageRow {
  session_id: string;
  participant_id: string;
  email: string;
  consent_version: string;
  at: number;
}

function prepareStatements(db: Database.Database) {
  return {
    getSession: db.prepare<[string], SessionRow>(`SELECT ${READ_COLUMNS} FROM sessions WHERE id = ?`),
    findByCode: db.prepare<[string], SessionRow>(`SELECT ${READ_COLUMNS} FROM sessions WHERE code = ?`),
    listSessions: db.prepare<[], SessionRow>(`SELECT ${READ_COLUMNS} FROM sessions ORDER BY created_at, id`),
    sessionExists: db.prepare<[string], { one: 1 }>('SELECT 1 AS one FROM sessions WHERE id = ?'),
    codeInUse: db.prepare<[string], { one: 1 }>('SELECT 1 AS one FROM sessions WHERE code = ?'),
    insertSession: db.prepare<[SessionRow], void>(
      `INSERT INTO sessions (${SESSION_COLUMNS})
       VALUES (@id, @code, @created_at, @facilitator_secret_hash, @screen_secret_hash, @ended_at)`,
    ),
    markEnded: db.prepare<[number, string], void>('UPDATE sessions SET ended_at = ? WHERE id = ?'),
    setDerivedScreen: db.prepare<[string, string], void>('UPDATE sessions SET derived_screen_secret_hash = ? WHERE id = ?'),
    deleteSession: db.prepare<[string], void>('DELETE FROM sessions WHERE id = ?'),
    sessionsBefore: db.prepare<[number], { id: string }>(
      'SELECT id FROM sessions WHERE created_at < ? ORDER BY created_at, id',
    ),
    deleteBefore: db.prepare<[number], void>('DELETE FROM sessions WHERE created_at < ?'),

    lastSeq: db.prepare<[string], { last: number }>(
      'SELECT COALESCE(MAX(seq), 0) AS last FROM commits WHERE session_id = ?',
    ),
    opExists: db.prepare<[string, string], { one: 1 }>(
      'SELECT 1 AS one FROM commits WHERE session_id = ? AND op_id = ?',
    ),
    insertCommit: db.prepare<[{ session_id: string; seq: number; op_id: string | null; at: number; events: string }], void>(
      'INSERT INTO commits (session_id, seq, op_id, at, events) VALUES (@session_id, @seq, @op_id, @at, @events)',
    ),
    loadCommits: db.prepare<[string], CommitRow>(
      'SELECT seq, op_id, at, events FROM commits WHERE session_id = ? ORDER BY seq',
    ),
    loadCommitsAfter: db.prepare<[string, number], CommitRow>(
      'SELECT seq, op_id, at, events FROM commits WHERE session_id = ? AND seq > ? ORDER BY seq',
    ),
    deleteCommit: db.prepare<[string, number], void>('DELETE FROM commits WHERE session_id = ? AND seq = ?'),
    storedBytes: db.prepare<[string, string], { n: number }>(
      `SELECT COALESCE((SELECT SUM(LENGTH(events)) FROM commits WHERE session_id = ?), 0)
            + COALESCE((SELECT LENGTH(state) FROM snapshots WHERE session_id = ?), 0) AS n`,
    ),
    recentOpIds: db.prepare<[string, number], { op_id: string }>(
      `SELECT op_id FROM (SELECT seq, op_id FROM commits WHERE session_id = ? ORDER BY seq DESC LIMIT ?)
       WHERE op_id IS NOT NULL ORDER BY seq DESC`,
    ),
    getSnapshot: db.prepare<[string], { seq: number; state: string }>('SELECT seq, state FROM snapshots WHERE session_id = ?'),
    putSnapshot: db.prepare<[{ session_id: string; seq: number; state: string }], void>(
      `INSERT INTO snapshots (session_id, seq, state) VALUES (@session_id, @seq, @state)
       ON CONFLICT (session_id) DO UPDATE SET seq = excluded.seq, state = excluded.state`,
    ),

    insertToken: db.prepare<[TokenRow], void>(
      'INSERT INTO participant_tokens (token_hash, session_id, participant_id) VALUES (@token_hash, @session_id, @participant_id)',
    ),
    findToken: db.prepare<[string], TokenRow>(
      'SELECT token_hash, session_id, participant_id FROM participant_tokens WHERE token_hash = ?',
    ),

    putWorkPackage: db.prepare<[WorkPackageRow], void>(
      `INSERT INTO work_package_requests (session_id, participant_id, email, consent_version, at)
       VALUES (@session_id, @participant_id, @email, @consent_version, @at)
       ON CONFLICT (session_id, participant_id) DO UPDATE SET email = excluded.email, consent_version = excluded.consent_version, at = excluded.at`,
    ),
    deleteWorkPackage: db.prepare<[string, string], void>('DELETE FROM work_package_requests WHERE session_id = ? AND participant_id = ?'),
    listWorkPackages: db.prepare<[string], WorkPackageRow>(
      'SELECT session_id, participant_id, email, consent_version, at FROM work_package_requests WHERE session_id = ? ORDER BY at, participant_id',
    ),
  };
}

export class SqliteStore implements SessionStore {
  readonly #db: Database.Database;
  readonly #stmt: ReturnType<typeof prepareStatements>;
  readonly #createTx: Database.Transaction<(record: SessionRecord, first: Commit) => void>;
  readonly #appendTx: Database.Transaction<(entries: readonly AppendEntry[]) => Map<string, Error>>;
  readonly #loadLatestTx: Database.Transaction<(sessionId: string) => LatestState>;
  readonly #deleteBeforeTx: Database.Transaction<(cutoff: number) => string[]>;

  /**
   * Opens (creating if needed) the database file and brings its schema up to date.
   * `':memory:'` gives a private in-memory database (no WAL, nothing survives close).
   */
  static open(file: string): SqliteStore {
    if (file !== ':memory:' && file !== '') {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    }
    const db = new Database(file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL'); // see the file comment: FULL, not NORMAL, for durability
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      if (Number(db.pragma('foreign_keys', { simple: true })) !== 1) {
        throw new Error('SQLite foreign keys could not be enabled');
      }
      migrate(db);
      return new SqliteStore(db);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  private constructor(db: Database.Database) {
    this.#db = db;
    const stmt = prepareStatements(db);
    this.#stmt = stmt;

    this.#createTx = db.transaction((record: SessionRecord, first: Commit) => {
      if (first.seq !== 1) throw new SeqConflictError(record.id, first.seq);
      if (stmt.sessionExists.get(record.id)) throw new Error(`session ${record.id} already exists`);
      if (stmt.codeInUse.get(record.code)) throw new Error(`join code ${record.code} is already in use`);
      stmt.insertSession.run({
        id: record.id,
        code: record.code,
        created_at: record.createdAt,
        facilitator_secret_hash: record.facilitatorSecretHash,
        screen_secret_hash: record.screenSecretHash,
        ended_at: record.endedAt,
      });
      this.#insertCommit(record.id, first);
    });

    // Called inside #appendTx, a nested transaction is a SAVEPOINT: all of one session's
    // entries, or none of them.
    const sessionTx = db.transaction((entries: readonly AppendEntry[]) => {
      for (const { sessionId, commit, tokens = [], snapshot, supersedes = [] } of entries) {
        this.#appendOne(sessionId, commit, tokens);
        for (const seq of supersedes) if (seq < commit.seq) stmt.deleteCommit.run(sessionId, seq);
        if (snapshot) {
          if (snapshot.seq !== commit.seq) throw new Error(`snapshot at seq ${snapshot.seq} given with commit ${commit.seq}`);
          stmt.putSnapshot.run({ session_id: sessionId, seq: snapshot.seq, state: snapshot.state });
        }
      }
    });

    // One transaction (one fsync) for a whole batch: group commit, sessions isolated.
    this.#appendTx = db.transaction((entries: readonly AppendEntry[]) => {
      const failed = new Map<string, Error>();
      for (const [sessionId, ofSession] of bySession(entries)) {
        try {
          sessionTx(ofSession);
        } catch (err) {
          failed.set(sessionId, err instanceof Error ? err : new Error(String(err)));
        }
      }
      return failed;
    });

    // One read transaction, so the snapshot and the commits after it belong together.
    this.#loadLatestTx = db.transaction((sessionId: string): LatestState => {
      const snap = stmt.getSnapshot.get(sessionId);
      const rows = snap ? stmt.loadCommitsAfter.all(sessionId, snap.seq) : stmt.loadCommits.all(sessionId);
      return { snapshot: snap ? { seq: snap.seq, state: snap.state } : null, commits: rows.map(toCommit) };
    });

    this.#deleteBeforeTx = db.transaction((cutoff: number) => {
      const ids = stmt.sessionsBefore.all(cutoff).map((r) => r.id);
      stmt.deleteBefore.run(cutoff); // commits and tokens go by ON DELETE CASCADE
      return ids;
    });
  }

  /** Checks and writes one commit with its tokens; must run inside a write transaction. */
  #appendOne(sessionId: string, commit: Commit, tokens: readonly ParticipantToken[]): void {
    const stmt = this.#stmt;
    {
      if (!stmt.sessionExists.get(sessionId)) throw new Error(`unknown session ${sessionId}`);
      for (const t of tokens) {
        if (t.sessionId !== sessionId) {
          throw new Error(`participant token for session ${t.sessionId} appended to session ${sessionId}`);
        }
      }
      if (commit.opId !== null && stmt.opExists.get(sessionId, commit.opId)) {
        throw new DuplicateOpError(sessionId, commit.opId);
      }
      const last = stmt.lastSeq.get(sessionId)?.last ?? 0;
      if (commit.seq !== last + 1) throw new SeqConflictError(sessionId, commit.seq);
      this.#insertCommit(sessionId, commit);
      for (const t of tokens) {
        try {
          stmt.insertToken.run({ token_hash: t.tokenHash, session_id: t.sessionId, participant_id: t.participantId });
        } catch (err) {
          if (sqliteCode(err) === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
            throw new Error('participant token hash already exists', { cause: err });
          }
          throw err;
        }
      }
    }
  }

  /** Inserts one commit; must run inside a transaction. Maps the op_id index violation. */
  #insertCommit(sessionId: string, commit: Commit): void {
    try {
      this.#stmt.insertCommit.run({
        session_id: sessionId,
        seq: commit.seq,
        op_id: commit.opId,
        at: commit.at,
        events: JSON.stringify(commit.events),
      });
    } catch (err) {
      // Backstop for the explicit checks above (they run in the same write transaction).
      if (sqliteCode(err) === 'SQLITE_CONSTRAINT_UNIQUE' && commit.opId !== null && /op_id/.test(String((err as Error).message))) {
        throw new DuplicateOpError(sessionId, commit.opId);
      }
      if (sqliteCode(err) === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new SeqConflictError(sessionId, commit.seq);
      throw err;
    }
  }

  /** Reads a PRAGMA's simple value, e.g. `pragma('journal_mode')` → 'wal'. For tests and diagnostics. */
  pragma(name: string): unknown {
    if (!/^[a-z_]+$/.test(name)) throw new Error(`invalid pragma name ${name}`);
    return this.#db.pragma(name, { simple: true });
  }

  /** The underlying connection, for tests and maintenance (backups). Do not write through it. */
  get db(): Database.Database {
    return this.#db;
  }

  async createSession(record: SessionRecord, first: Commit): Promise<void> {
    // IMMEDIATE: take the write lock up front, so the checks and the writes see the same state.
    this.#createTx.immediate(record, first);
  }

  async getSession(id: string): Promise<SessionRecord | null> {
    const row = this.#stmt.getSession.get(id);
    return row ? toRecord(row) : null;
  }

  async findSessionByCode(code: string): Promise<SessionRecord | null> {
    const row = this.#stmt.findByCode.get(code);
    return row ? toRecord(row) : null;
  }

  async listSessions(): Promise<SessionRecord[]> {
    return this.#stmt.listSessions.all().map(toRecord);
  }

  async append(sessionId: string, commit: Commit, tokens: readonly ParticipantToken[] = []): Promise<void> {
    const failed = this.#appendTx.immediate([{ sessionId, commit, tokens }]);
    const err = failed.get(sessionId);
    if (err) throw err;
  }

  async appendBatch(entries: readonly AppendEntry[]): Promise<BatchResult> {
    return { failed: entries.length ? this.#appendTx.immediate(entries) : new Map() };
  }

  async loadCommits(sessionId: string): Promise<Commit[]> {
    return this.#stmt.loadCommits.all(sessionId).map(toCommit);
  }

  async storedBytes(sessionId: string): Promise<number> {
    return this.#stmt.storedBytes.get(sessionId, sessionId)?.n ?? 0;
  }

  async loadLatest(sessionId: string): Promise<LatestState> {
    return this.#loadLatestTx.deferred(sessionId);
  }

  async recentOpIds(sessionId: string, limit: number): Promise<string[]> {
    return this.#stmt.recentOpIds.all(sessionId, limit).map((r) => r.op_id);
  }

  async findParticipantToken(tokenHash: string): Promise<ParticipantToken | null> {
    const row = this.#stmt.findToken.get(tokenHash);
    return row ? { tokenHash: row.token_hash, sessionId: row.session_id, participantId: row.participant_id } : null;
  }

  async markEnded(sessionId: string, at: number): Promise<void> {
    this.#stmt.markEnded.run(at, sessionId);
  }

  async setDerivedScreenSecretHash(sessionId: string, hash: string): Promise<void> {
    this.#stmt.setDerivedScreen.run(hash, sessionId);
  }

  async deleteSession(sessionId: string): Promise<void> {
    this.#stmt.deleteSession.run(sessionId); // commits and tokens go by ON DELETE CASCADE
  }

  async deleteSessionsCreatedBefore(cutoff: number): Promise<string[]> {
    return this.#deleteBeforeTx.immediate(cutoff);
  }

  async putWorkPackageRequest(r: WorkPackageRequest): Promise<void> {
    // Foreign keys refuse an unknown session.
    this.#stmt.putWorkPackage.run({ session_id: r.sessionId, participant_id: r.participantId, email: r.email, consent_version: r.consentVersion, at: r.at });
  }

  async deleteWorkPackageRequest(sessionId: string, participantId: string): Promise<void> {
    this.#stmt.deleteWorkPackage.run(sessionId, participantId);
  }

  async listWorkPackageRequests(sessionId: string): Promise<WorkPackageRequest[]> {
    return this.#stmt.listWorkPackages.all(sessionId).map((r) => ({
      sessionId: r.session_id,
      participantId: r.participant_id,
      email: r.email,
      consentVersion: r.consent_version,
      at: r.at,
    }));
  }

  /** Closes the connection (checkpointing the WAL). Idempotent. */
  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}
