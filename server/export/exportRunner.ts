/**
 * Runs report writers in a child process (exportWorker.ts), so a download never stalls the
 * room and never swells the server: at 2,000 people the Word report takes seconds of CPU and
 * its writer 75–140 MB of memory, none of it on the server's event loop or in its RSS (as a
 * worker thread it was: the server's peak went from ~300 to ~430 MB).
 *
 * With a `source` (the SQLite file or the PostgreSQL database) the process loads the session
 * from the store itself, so the event loop sends only its id: serialising the state for it
 * took 65-100 ms of the event loop at 2,000 people and half a second at 5,000. What it writes
 * is what was acknowledged (acknowledged means stored). Without one (the in-memory store of
 * tests) the state is sent as JSON.
 *
 * One process, started on the first download (~0.3 s to load the writers) and kept while
 * downloads keep coming (stopped `idleMs` after the last); requests wait their turn in it. If
 * it dies, the requests waiting on it fail (the route answers 500) and the next download
 * starts a new one.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { SessionState } from '../../shared/domain/types.ts';
import { processEntry } from '../workers/processEntry.ts';
import type { StoreAddress } from '../store/storeAddress.ts';
import { EXPORT_SOURCE_ENV, type ExportReply, type ExportRequest } from './exportProtocol.ts';
import type { ExportFormat, ProgrammeFormat } from './fileTypes.ts';
import type { ProgrammeExportInput } from './programme.ts';

interface Waiting {
  resolve(body: Buffer): void;
  reject(err: Error): void;
}

export class ExportRunner {
  #child: ChildProcess | null = null;
  readonly #waiting = new Map<number, Waiting>();
  #nextId = 1;
  #idleTimer: ReturnType<typeof setTimeout> | null = null;
  #peakRssBytes = 0;

  readonly #idleMs: number;
  readonly #source: StoreAddress | null;

  /** `idleMs`: how long the process is kept after the last download; `source`: where it reads sessions (see above). */
  constructor(options: { readonly idleMs?: number; readonly source?: StoreAddress | null } = {}) {
    this.#idleMs = options.idleMs ?? 15_000;
    this.#source = options.source ?? null;
  }

  /** The export process's id while it runs (tests stop it to see a death handled). */
  get pid(): number | null {
    return this.#child?.pid ?? null;
  }

  /** The export process's largest resident size seen (0 before the first download). */
  get peakRssBytes(): number {
    return this.#peakRssBytes;
  }

  /** A session's file; `state` is read only when there is no store to load it from. */
  run(format: ExportFormat, sessionId: string, state: SessionState): Promise<Buffer> {
    if (this.#source) return this.#post((id) => ({ id, format, sessionId }));
    return this.#post((id) => ({ id, format, stateJson: JSON.stringify(state) }));
  }

  /** A programme's view (issue 12) as JSON, Word or Excel, from its sessions' states. */
  runProgramme(format: ProgrammeFormat, input: ProgrammeExportInput): Promise<Buffer> {
    return this.#post((id) => ({ id, programme: format, inputJson: JSON.stringify(input) }));
  }

  #post(request: (id: number) => ExportRequest): Promise<Buffer> {
    const child = this.#start();
    const id = this.#nextId++;
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    return new Promise<Buffer>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      child.send(request(id));
    });
  }

  #start(): ChildProcess {
    if (this.#child) return this.#child;
    const { file, execArgv } = processEntry('exportWorker', import.meta.url);
    // 'advanced' serialisation: the file comes back as bytes, not as JSON of an array.
    const child = fork(file, [], {
      execArgv,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, [EXPORT_SOURCE_ENV]: this.#source ? JSON.stringify(this.#source) : '' },
    });
    child.on('message', (reply: ExportReply) => {
      this.#peakRssBytes = Math.max(this.#peakRssBytes, reply.peakRssBytes);
      const waiting = this.#waiting.get(reply.id);
      if (!waiting) return;
      this.#waiting.delete(reply.id);
      if (reply.ok) waiting.resolve(Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength));
      else waiting.reject(new Error(reply.error));
      if (this.#waiting.size === 0) this.#scheduleIdle();
    });
    const fail = (err: Error) => {
      if (this.#child !== child) return;
      this.#child = null;
      for (const w of this.#waiting.values()) w.reject(err);
      this.#waiting.clear();
    };
    child.on('error', fail);
    child.on('exit', (code, signal) => fail(new Error(`export process stopped (${signal ?? `exit code ${code}`})`)));
    // Neither the process nor its channel keeps the server alive.
    child.unref();
    child.channel?.unref();
    this.#child = child;
    return child;
  }

  #scheduleIdle(): void {
    this.#idleTimer = setTimeout(() => void this.close(), this.#idleMs);
    this.#idleTimer.unref();
  }

  /** Stops the process (a later download starts a new one). */
  async close(): Promise<void> {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    const child = this.#child;
    if (!child) return;
    this.#child = null;
    for (const w of this.#waiting.values()) w.reject(new Error('export process stopped'));
    this.#waiting.clear();
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill();
    await exited;
  }
}
