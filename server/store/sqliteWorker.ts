/**
 * The worker thread behind SqliteWorkerStore: it owns the SQLite connection and runs every
 * store call, one at a time in the order they arrive, so a commit's fsync blocks this thread
 * and never the server's event loop. See sqliteWorkerStore.ts for the protocol.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteStore } from './sqliteStore.ts';
import { errorToWire, type StoreReply, type StoreRequest, type WorkerData } from './sqliteWorkerProtocol.ts';
import type { BatchResult } from './types.ts';

const port = parentPort;
if (!port) throw new Error('sqliteWorker.ts runs only as a worker thread');

const { file } = workerData as WorkerData;
let store: SqliteStore;
try {
  store = SqliteStore.open(file);
} catch (err) {
  port.postMessage({ id: 0, ok: false, error: errorToWire(err) } satisfies StoreReply);
  process.exit(1);
}
port.postMessage({ id: 0, ok: true, value: null } satisfies StoreReply);

port.on('message', (req: StoreRequest) => {
  // The store answers synchronously inside (its promises are already settled), so replies
  // leave in request order and a reply means the write is on disk.
  void (async () => {
    let reply: StoreReply;
    try {
      const method = store[req.method] as (...args: unknown[]) => Promise<unknown>;
      let value = await method.apply(store, [...req.args]);
      if (req.method === 'appendBatch') {
        value = [...(value as BatchResult).failed].map(([id, err]) => [id, errorToWire(err)]);
      }
      reply = { id: req.id, ok: true, value };
    } catch (err) {
      reply = { id: req.id, ok: false, error: errorToWire(err) };
    }
    port.postMessage(reply);
    if (req.method === 'close') port.close();
  })();
});
