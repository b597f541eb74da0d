/**
 * Runs report writers in a worker thread (exportWorker.ts), so a download never stalls the
 * room: at 2,000 people the Word report takes seconds of CPU, all of it off the event loop.
 * The event loop only serialises the state (tens of milliseconds at 2,000 people).
 *
 * One worker, started on the first download and kept while downloads keep coming (stopped
 * after `idleMs` without one); requests wait their turn in it. If it dies, the requests
 * waiting on it fail (the route answers 500) and the next download starts a new one.
 */
import { Worker } from 'node:worker_threads';
import type { SessionState } from '../../shared/domain/types.ts';
import { workerEntry } from '../workers/workerEntry.ts';
import type { ExportReply, ExportRequest } from './exportWorker.ts';
import type { ExportFormat } from './formats.ts';

interface Waiting {
  resolve(body: Buffer): void;
  reject(err: Error): void;
}

export class ExportRunner {
  #worker: Worker | null = null;
  readonly #waiting = new Map<number, Waiting>();
  #nextId = 1;
  #idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly idleMs = 60_000) {}

  run(format: ExportFormat, state: SessionState): Promise<Buffer> {
    const worker = this.#start();
    const id = this.#nextId++;
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    return new Promise<Buffer>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      worker.postMessage({ id, format, stateJson: JSON.stringify(state) } satisfies ExportRequest);
    });
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(workerEntry('exportWorker', import.meta.url));
    worker.on('message', (reply: ExportReply) => {
      const waiting = this.#waiting.get(reply.id);
      if (!waiting) return;
      this.#waiting.delete(reply.id);
      if (reply.ok) waiting.resolve(Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength));
      else waiting.reject(new Error(reply.error));
      if (this.#waiting.size === 0) this.#scheduleIdle();
    });
    const fail = (err: Error) => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      for (const w of this.#waiting.values()) w.reject(err);
      this.#waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`export worker stopped (exit code ${code})`)));
    worker.unref();
    this.#worker = worker;
    return worker;
  }

  #scheduleIdle(): void {
    this.#idleTimer = setTimeout(() => void this.close(), this.idleMs);
    this.#idleTimer.unref();
  }

  /** Stops the worker (a later download starts a new one). */
  async close(): Promise<void> {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    const worker = this.#worker;
    if (!worker) return;
    this.#worker = null;
    for (const w of this.#waiting.values()) w.reject(new Error('export worker stopped'));
    this.#waiting.clear();
    await worker.terminate();
  }
}
