/**
 * The PostgreSQL SessionStore (`pg`), used when DATABASE_URL is set; the same contract as
 * the embedded SQLite store (tests/integration/store-contract.ts runs against both), so the
 * rest of the server does not know which one it has.
 *
 * Durability: a promise resolves after COMMIT returned, and PostgreSQL's default
 * `synchronous_commit = on` means the commit's WAL record is flushed to disk by then: what
 * the server acknowledges survives a crash of the server or of the database.
 *
 * Group commit: `appendBatch` is one transaction (one WAL flush) for every entry of a turn
 * of the CommitWriter. Each session's entries run inside a SAVEPOINT; a session whose entry
 * fails (deleted meanwhile, duplicate op, wrong seq) is rolled back to it and reported, the
 * other sessions' entries are kept. Per session the work is a fixed handful of statements,
 * whatever the number of entries: lock the session's row (`FOR UPDATE`, so two writers of one
 * session queue up and both see the last seq), read which of the batch's opIds exist, then
 * write every commit, token and deletion with one statement each over arrays (`unnest`).
 * A batch of 500 answers is ~6 round trips, not 2,000.
 *
 * Layout: pgMigrations.ts. Times are BIGINT milliseconds, read back as numbers (pgPool.ts).
 */
import pg from 'pg';
import { fenceCheck } from '../cluster/leases.ts';
import { inTransaction, openPgPool, type PgPoolOptions } from './pgPool.ts';
import { READ_COLUMNS, toCommit, toRecord, type CommitRow, type SessionRow, type TokenRow } from './rows.ts';
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

export interface PgStoreOptions extends PgPoolOptions {
  /**
   * Several servers: commits are written only while this node holds the session's lease with
   * the epoch it claimed (server/cluster/leases.ts); otherwise the session's entries fail with
   * FencedError.
   */
  readonly fence?: Fence;
}

export interface Fence {
  readonly nodeId: string;
  epochOf(sessionId: string): number | null;
}

/** PostgreSQL's error code and constraint, when it is a database error. */
function pgError(err: unknown): { code?: string; constraint?: string } {
  return err instanceof Error ? (err as Error & { code?: string; constraint?: string }) : {};
}

export class PgStore implements SessionStore {
  readonly #pool: pg.Pool;
  readonly #fence: Fence | null;
  #closed = false;

  /** Connects, brings the schema up to date, and returns the store. */
  static async open(connectionString: string, options: PgStoreOptions = {}): Promise<PgStore> {
    return new PgStore(await openPgPool(connectionString, options), options.fence ?? null);
  }

  private constructor(pool: pg.Pool, fence: Fence | null) {
    this.#pool = pool;
    this.#fence = fence;
  }

  /** The pool, for what shares the database (the cluster's leases). */
  get pool(): pg.Pool {
    return this.#pool;
  }

  #tx<T>(fn: (c: pg.PoolClient) => Promise<T>, begin?: string): Promise<T> {
    return inTransaction(this.#pool, fn, begin);
  }

  async createSession(record: SessionRecord, first: Commit): Promise<void> {
    if (first.seq !== 1) throw new SeqConflictError(record.id, first.seq);
    await this.#tx(async (c) => {
      if ((await c.query('SELECT 1 FROM sessions WHERE id = $1', [record.id])).rowCount) throw new Error(`session ${record.id} already exists`);
      if ((await c.query('SELECT 1 FROM sessions WHERE code = $1', [record.code])).rowCount) throw new Error(`join code ${record.code} is already in use`);
      try {
        await c.query(
          `INSERT INTO sessions (id, code, created_at, facilitator_secret_hash, screen_secret_hash, derived_screen_secret_hash, ended_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [record.id, record.code, record.createdAt, record.facilitatorSecretHash, record.screenSecretHash, record.derivedScreenSecretHash ?? null, record.endedAt],
        );
      } catch (err) {
        // Another server created the same id or code between the checks and here.
        if (pgError(err).code === '23505') throw new Error(`session ${record.id} or join code ${record.code} already exists`, { cause: err });
        throw err;
      }
      await insertCommits(c, record.id, [first]);
    });
  }

  async getSession(id: string): Promise<SessionRecord | null> {
    const { rows } = await this.#pool.query<SessionRow>(`SELECT ${READ_COLUMNS} FROM sessions WHERE id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findSessionByCode(code: string): Promise<SessionRecord | null> {
    const { rows } = await this.#pool.query<SessionRow>(`SELECT ${READ_COLUMNS} FROM sessions WHERE code = $1`, [code]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async listSessions(): Promise<SessionRecord[]> {
    const { rows } = await this.#pool.query<SessionRow>(`SELECT ${READ_COLUMNS} FROM sessions ORDER BY created_at, id`);
    return rows.map(toRecord);
  }

  async append(sessionId: string, commit: Commit, tokens: readonly ParticipantToken[] = []): Promise<void> {
    const { failed } = await this.appendBatch([{ sessionId, commit, tokens }]);
    const err = failed.get(sessionId);
    if (err) throw err;
  }

  async appendBatch(entries: readonly AppendEntry[]): Promise<BatchResult> {
    if (entries.length === 0) return { failed: new Map() };
    return this.#tx(async (c) => {
      const failed = new Map<string, Error>();
      for (const [sessionId, ofSession] of bySession(entries)) {
        await c.query('SAVEPOINT one_session');
        try {
          await appendSession(c, sessionId, ofSession, this.#fence);
          await c.query('RELEASE SAVEPOINT one_session');
        } catch (err) {
          await c.query('ROLLBACK TO SAVEPOINT one_session');
          failed.set(sessionId, err instanceof Error ? err : new Error(String(err)));
        }
      }
      return { failed };
    });
  }

  async loadCommits(sessionId: string): Promise<Commit[]> {
    const { rows } = await this.#pool.query<CommitRow>('SELECT seq, op_id, at, events FROM commits WHERE session_id = $1 ORDER BY seq', [sessionId]);
    return rows.map(toCommit);
  }

  async loadLatest(sessionId: string): Promise<LatestState> {
    // One snapshot of the database for both reads, so the snapshot and its tail belong together.
    return this.#tx(async (c) => {
      const snap = (await c.query<{ seq: number; state: string }>('SELECT seq, state FROM snapshots WHERE session_id = $1', [sessionId])).rows[0];
      const { rows } = await c.query<CommitRow>('SELECT seq, op_id, at, events FROM commits WHERE session_id = $1 AND seq > $2 ORDER BY seq', [
        sessionId,
        snap?.seq ?? 0,
      ]);
      return { snapshot: snap ? { seq: snap.seq, state: snap.state } : null, commits: rows.map(toCommit) };
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  async recentOpIds(sessionId: string, limit: number): Promise<string[]> {
    const { rows } = await this.#pool.query<{ op_id: string }>(
      `SELECT op_id FROM (SELECT seq, op_id FROM commits WHERE session_id = $1 ORDER BY seq DESC LIMIT $2) recent
       WHERE op_id IS NOT NULL ORDER BY seq DESC`,
      [sessionId, limit],
    );
    return rows.map((r) => r.op_id);
  }

  async storedBytes(sessionId: string): Promise<number> {
    const { rows } = await this.#pool.query<{ n: number }>(
      `SELECT (COALESCE((SELECT SUM(LENGTH(events)) FROM commits WHERE session_id = $1), 0)
             + COALESCE((SELECT LENGTH(state) FROM snapshots WHERE session_id = $1), 0))::bigint AS n`,
      [sessionId],
    );
    return rows[0]?.n ?? 0;
  }

  async findParticipantToken(tokenHash: string): Promise<ParticipantToken | null> {
    const { rows } = await this.#pool.query<TokenRow>(
      'SELECT token_hash, session_id, participant_id FROM participant_tokens WHERE token_hash = $1',
      [tokenHash],
    );
    const row = rows[0];
    return row ? { tokenHash: row.token_hash, sessionId: row.session_id, participantId: row.participant_id } : null;
  }

  async markEnded(sessionId: string, at: number): Promise<void> {
    await this.#pool.query('UPDATE sessions SET ended_at = $1 WHERE id = $2', [at, sessionId]);
  }

  async setDerivedScreenSecretHash(sessionId: string, hash: string): Promise<void> {
    await this.#pool.query('UPDATE sessions SET derived_screen_secret_hash = $1 WHERE id = $2', [hash, sessionId]);
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.#pool.query('DELETE FROM sessions WHERE id = $1', [sessionId]); // the rest goes by ON DELETE CASCADE
  }

  async deleteSessionsCreatedBefore(cutoff: number): Promise<string[]> {
    const { rows } = await this.#pool.query<{ id: string }>(
      'WITH gone AS (DELETE FROM sessions WHERE created_at < $1 RETURNING id, created_at) SELECT id FROM gone ORDER BY created_at, id',
      [cutoff],
    );
    return rows.map((r) => r.id);
  }

  async putWorkPackageRequest(r: WorkPackageRequest): Promise<void> {
    // The foreign key refuses an unknown session.
    await this.#pool.query(
      `INSERT INTO work_package_requests (session_id, participant_id, email, consent_version, at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (session_id, participant_id) DO UPDATE SET email = excluded.email, consent_version = excluded.consent_version, at = excluded.at`,
      [r.sessionId, r.participantId, r.email, r.consentVersion, r.at],
    );
  }

  async deleteWorkPackageRequest(sessionId: string, participantId: string): Promise<void> {
    await this.#pool.query('DELETE FROM work_package_requests WHERE session_id = $1 AND participant_id = $2', [sessionId, participantId]);
  }

  async listWorkPackageRequests(sessionId: string): Promise<WorkPackageRequest[]> {
    const { rows } = await this.#pool.query<{ session_id: string; participant_id: string; email: string; consent_version: string; at: number }>(
      'SELECT session_id, participant_id, email, consent_version, at FROM work_package_requests WHERE session_id = $1 ORDER BY at, participant_id',
      [sessionId],
    );
    return rows.map((r) => ({ sessionId: r.session_id, participantId: r.participant_id, email: r.email, consentVersion: r.consent_version, at: r.at }));
  }

  /** Closes every connection. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }
}

/** One session's entries of a batch, checked in order as `append` checks each; inside the batch's transaction. */
async function appendSession(c: pg.PoolClient, sessionId: string, entries: readonly AppendEntry[], fence: Fence | null): Promise<void> {
  // The row lock queues writers of the same session (another server's, during a handover)
  // until this transaction ends, so the last seq read here stays the last.
  const locked = await c.query<{ last: number }>(
    'SELECT (SELECT COALESCE(MAX(seq), 0) FROM commits WHERE session_id = $1) AS last FROM sessions WHERE id = $1 FOR UPDATE',
    [sessionId],
  );
  const row = locked.rows[0];
  if (!row) throw new Error(`unknown session ${sessionId}`);
  if (fence) await fenceCheck(c, sessionId, fence.nodeId, fence.epochOf(sessionId));
  const opIds = entries.flatMap((e) => (e.commit.opId === null ? [] : [e.commit.opId]));
  const existing = opIds.length
    ? new Set((await c.query<{ op_id: string }>('SELECT op_id FROM commits WHERE session_id = $1 AND op_id = ANY($2::text[])', [sessionId, opIds])).rows.map((r) => r.op_id))
    : new Set<string>();

  let last = row.last;
  const commits: Commit[] = [];
  const tokens: ParticipantToken[] = [];
  const superseded: number[] = [];
  let snapshot: AppendEntry['snapshot'];
  for (const { commit, tokens: own = [], snapshot: snap, supersedes = [] } of entries) {
    for (const t of own) {
      if (t.sessionId !== sessionId) throw new Error(`participant token for session ${t.sessionId} appended to session ${sessionId}`);
    }
    if (commit.opId !== null) {
      if (existing.has(commit.opId)) throw new DuplicateOpError(sessionId, commit.opId);
      existing.add(commit.opId);
    }
    if (commit.seq !== last + 1) throw new SeqConflictError(sessionId, commit.seq);
    if (snap && snap.seq !== commit.seq) throw new Error(`snapshot at seq ${snap.seq} given with commit ${commit.seq}`);
    last = commit.seq;
    commits.push(commit);
    tokens.push(...own);
    for (const seq of supersedes) if (seq < commit.seq) superseded.push(seq);
    if (snap) snapshot = snap;
  }

  await insertCommits(c, sessionId, commits);
  if (tokens.length) {
    try {
      await c.query(
        'INSERT INTO participant_tokens (token_hash, session_id, participant_id) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])',
        [tokens.map((t) => t.tokenHash), tokens.map((t) => t.sessionId), tokens.map((t) => t.participantId)],
      );
    } catch (err) {
      if (pgError(err).code === '23505') throw new Error('participant token hash already exists', { cause: err });
      throw err;
    }
  }
  if (superseded.length) await c.query('DELETE FROM commits WHERE session_id = $1 AND seq = ANY($2::int[])', [sessionId, superseded]);
  if (snapshot) {
    await c.query(
      `INSERT INTO snapshots (session_id, seq, state) VALUES ($1, $2, $3)
       ON CONFLICT (session_id) DO UPDATE SET seq = excluded.seq, state = excluded.state`,
      [sessionId, snapshot.seq, snapshot.state],
    );
  }
}

/** Writes commits with one statement. Maps the constraints' violations to the contract's errors (a backstop for the checks above). */
async function insertCommits(c: pg.PoolClient, sessionId: string, commits: readonly Commit[]): Promise<void> {
  try {
    await c.query(
      'INSERT INTO commits (session_id, seq, op_id, at, events) SELECT $1, * FROM unnest($2::int[], $3::text[], $4::bigint[], $5::text[])',
      [sessionId, commits.map((x) => x.seq), commits.map((x) => x.opId), commits.map((x) => x.at), commits.map((x) => JSON.stringify(x.events))],
    );
  } catch (err) {
    const { code, constraint } = pgError(err);
    const first = commits[0]!;
    if (code === '23505' && constraint === 'commits_op_id') throw new DuplicateOpError(sessionId, commits.find((x) => x.opId !== null)?.opId ?? '');
    if (code === '23505' && constraint === 'commits_pkey') throw new SeqConflictError(sessionId, first.seq);
    if (code === '23503') throw new Error(`unknown session ${sessionId}`, { cause: err });
    throw err;
  }
}
