/**
 * The bench coordinator's side of its client worker threads (scripts/lib/bench/worker.ts),
 * shared by the app's phases (scripts/bench.ts) and the bare Socket.IO reference's
 * (scripts/lib/bench/reference.ts): a mailbox per worker, and one crash signal for the run.
 */
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerData } from './messages.ts';

let fatalReject!: (err: Error) => void;
const fatal = new Promise<never>((_, reject) => {
  fatalReject = reject;
});
fatal.catch(() => undefined);
let fatalError: Error | null = null;
/** Ends the run: every guarded wait rejects with `err` (the first one given wins). */
export function die(err: Error): void {
  if (fatalError) return;
  fatalError = err;
  fatalReject(err);
}
/** Races `p` against a crash of the server or a worker. */
export const guard = <T>(p: Promise<T>): Promise<T> => Promise.race([p, fatal]);

export type Msg<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

/** A client worker thread with a mailbox: messages wait until someone asks for them. */
export class ClientWorker {
  readonly worker: Worker;
  private readonly inbox: FromWorker[] = [];
  private readonly waiters: { type: string; pred: (m: FromWorker) => boolean; resolve: (m: FromWorker) => void }[] = [];
  closing = false;

  constructor(readonly id: number, data: WorkerData) {
    this.worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), { workerData: data });
    this.worker.on('message', (m: FromWorker) => {
      if (m.type === 'error') return die(new Error(`client worker ${id} failed: ${m.message}`));
      const i = this.waiters.findIndex((w) => w.type === m.type && w.pred(m));
      if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(m);
      else this.inbox.push(m);
    });
    this.worker.on('error', (err) => die(new Error(`client worker ${id} crashed: ${err.stack ?? err.message}`)));
    this.worker.on('exit', (code) => {
      if (!this.closing) die(new Error(`client worker ${id} exited with ${code}`));
    });
  }

  send(msg: ToWorker): void {
    this.worker.postMessage(msg);
  }

  next<T extends FromWorker['type']>(type: T, pred: (m: Msg<T>) => boolean = () => true): Promise<Msg<T>> {
    const i = this.inbox.findIndex((m) => m.type === type && pred(m as Msg<T>));
    if (i >= 0) return Promise.resolve(this.inbox.splice(i, 1)[0] as Msg<T>);
    return guard(
      new Promise<Msg<T>>((resolve) => {
        this.waiters.push({ type, pred: pred as (m: FromWorker) => boolean, resolve: resolve as (m: FromWorker) => void });
      }),
    );
  }
}

/** Sends every worker a message (or one made per worker) and waits for each one's reply of type `reply`. */
export function allWorkers<T extends FromWorker['type']>(
  workers: readonly ClientWorker[],
  msg: ToWorker | ((w: ClientWorker) => ToWorker),
  reply: T,
): Promise<Msg<T>[]> {
  return Promise.all(
    workers.map((w) => {
      const p = w.next(reply);
      w.send(typeof msg === 'function' ? msg(w) : msg);
      return p;
    }),
  );
}
