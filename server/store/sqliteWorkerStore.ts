/**
 * The server's SQLite store, run in a worker thread. The store commits with
 * `synchronous = FULL`: every group write ends in an fsync, and with 2,000 people typing
 * those fsyncs (and the WAL checkpoints) took a quarter of the event loop's time, delaying
 * every broadcast behind them. Here the SQLite connection lives in its own thread
 * (sqliteWorker.ts); this class forwards each call to it and resolves when the worker
 * replies, so "resolved means on disk" holds exactly as with SqliteStore, while the event
 * loop keeps deciding, publishing and acknowledging meanwhile.
 *
 * Calls are answered in the order they are made (one connection, one queue), so a read made
 * after a write sees it. If the worker dies, every call waiting on it and every later call
 * rejects: the session hub then refuses commands instead of acknowledging what is not stored.
 */
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../workers/workerEntry.ts';
import { errorFromWire, type StoreMethod, type StoreReply, type StoreRequest, type WireError, type WorkerData } from './sqliteWorkerProtocol.ts';
import type { BatchResult, SessionStore } from './types.ts';

interface Waiting {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

export class SqliteWorkerStore implements SessionStore {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, Waiting>();
  #nextId = 1;
  /** Set once the worker is gone (closed or crashed): later calls reject with it. */
  #gone: Error | null = null;

  /** Starts the worker, which opens (creating if needed) the file and migrates it; rejects if that fails. */
  static async open(file: string): Promise<SqliteWorkerStore> {
    const worker = new Worker(workerEntry('sqliteWorker', import.meta.url), {
      workerData: { file } satisfies WorkerData,
      // What the worker holds is short-lived (each batch's copy, freed once written): a small
      // young generation keeps the thread's memory small (it counts in the server's RSS).
      resourceLimits: { maxYoungGenerationSizeMb: 4 },
    });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (reply: StoreReply) => {
        if (reply.id !== 0) return;
        cleanup();
        if (reply.ok) resolve();
        else reject(errorFromWire(reply.error));
      };
      const onError = (err: Error) => (cleanup(), reject(err));
      const onExit = (code: number) => (cleanup(), reject(new Error(`SQLite worker stopped while opening ${file} (exit code ${code})`)));
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
    return new SqliteWorkerStore(worker);
  }

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (reply: StoreReply) => {
      const waiting = this.#waiting.get(reply.id);
      if (!waiting) return;
      this.#waiting.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(errorFromWire(reply.error));
    });
    worker.on('error', (err) => this.#stop(err));
    worker.on('exit', (code) => this.#stop(new Error(`SQLite worker stopped (exit code ${code})`)));
  }

  #stop(err: Error): void {
    this.#gone ??= err;
    for (const w of this.#waiting.values()) w.reject(this.#gone);
    this.#waiting.clear();
  }

  #call<T>(method: StoreMethod, ...args: unknown[]): Promise<T> {
    if (this.#gone) return Promise.reject(this.#gone);
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#worker.postMessage({ id, method, args } satisfies StoreRequest);
    });
  }

  createSession: SessionStore['createSession'] = (record, first) => this.#call('createSession', record, first);
  getSession: SessionStore['getSession'] = (id) => this.#call('getSession', id);
  findSessionByCode: SessionStore['findSessionByCode'] = (code) => this.#call('findSessionByCode', code);
  listSessions: SessionStore['listSessions'] = () => this.#call('listSessions');
  append: SessionStore['append'] = (sessionId, commit, tokens) => this.#call('append', sessionId, commit, tokens);
  loadCommits: SessionStore['loadCommits'] = (sessionId) => this.#call('loadCommits', sessionId);
  loadLatest: SessionStore['loadLatest'] = (sessionId) => this.#call('loadLatest', sessionId);
  recentOpIds: SessionStore['recentOpIds'] = (sessionId, limit) => this.#call('recentOpIds', sessionId, limit);
  storedBytes: SessionStore['storedBytes'] = (sessionId) => this.#call('storedBytes', sessionId);
  findParticipantToken: SessionStore['findParticipantToken'] = (tokenHash) => this.#call('findParticipantToken', tokenHash);
  markEnded: SessionStore['markEnded'] = (sessionId, at) => this.#call('markEnded', sessionId, at);
  setDerivedScreenSecretHash: SessionStore['setDerivedScreenSecretHash'] = (sessionId, hash) =>
    this.#call('setDerivedScreenSecretHash', sessionId, hash);
  deleteSession: SessionStore['deleteSession'] = (sessionId) => this.#call('deleteSession', sessionId);
  deleteSessionsCreatedBefore: SessionStore['deleteSessionsCreatedBefore'] = (cutoff) =>
    this.#call('deleteSessionsCreatedBefore', cutoff);
  putWorkPackageRequest: SessionStore['putWorkPackageRequest'] = (request) => this.#call('putWorkPackageRequest', request);
  deleteWorkPackageRequest: SessionStore['deleteWorkPackageRequest'] = (sessionId, participantId) =>
    this.#call('deleteWorkPackageRequest', sessionId, participantId);
  listWorkPackageRequests: SessionStore['listWorkPackageRequests'] = (sessionId) => this.#call('listWorkPackageRequests', sessionId);

  async appendBatch(entries: Parameters<SessionStore['appendBatch']>[0]): Promise<BatchResult> {
    const failed = await this.#call<Array<[string, WireError]>>('appendBatch', entries);
    return { failed: new Map(failed.map(([id, w]) => [id, errorFromWire(w)])) };
  }

  /** Closes the connection (checkpointing the WAL) and ends the worker. Idempotent. */
  async close(): Promise<void> {
    if (this.#gone) return;
    await this.#call('close');
    await new Promise<void>((resolve) => {
      if (this.#gone) resolve();
      else this.#worker.once('exit', () => resolve());
    });
  }
}
