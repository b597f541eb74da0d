/**
 * Entry point: read the configuration, open the SQLite store (in its worker thread), start the server.
 * The only module that reads the environment or listens on a port.
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createApp } from './app.ts';
import { readConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { startMessage } from './startMessage.ts';
import { SqliteWorkerStore } from './store/sqliteWorkerStore.ts';

const config = readConfig();
const logger = createLogger(config.logLevel);
// SQLite in its own thread: commits (each ending in an fsync) never block the event loop.
const store = await SqliteWorkerStore.open(path.join(config.dataDir, 'samenspraak.sqlite'));

const app = createApp({
  store,
  logger,
  clientDir: config.clientDir,
  publicUrl: config.publicUrl,
  trustProxy: config.trustProxy,
  retentionDays: config.retentionDays,
  allowedHosts: config.allowedHosts,
  allowedOrigins: config.allowedOrigins,
  metrics: config.metrics,
  hub: { idleUnloadMs: config.sessionIdleMinutes * 60_000, snapshotEvery: config.snapshotEvery },
});

app.http.listen(config.port, config.host, () => {
  const { port } = app.http.address() as AddressInfo;
  logger.info({ port, host: config.host, dataDir: config.dataDir }, 'listening');
  // Every address phones can use, not just localhost (which no phone can reach).
  const lines = startMessage({ interfaces: os.networkInterfaces(), host: config.host, port, publicUrl: config.publicUrl });
  console.log(lines.join('\n'));
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  await app.close();
  await store.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
// Last line of defence: log and keep serving. Handlers catch their own errors; this should never fire.
process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
