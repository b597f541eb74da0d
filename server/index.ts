/**
 * Entry point: read the configuration, open the stores (SQLite, or PostgreSQL with DATABASE_URL), start the server.
 * The only module that reads the environment or listens on a port.
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { passwordHashName } from './accounts/passwords.ts';
import { prepareFirstAccount } from './accounts/setupCode.ts';
import { loadLinkKey } from './accounts/sessionLinks.ts';
import { createApp } from './app.ts';
import { readConfig } from './config.ts';
import { limitHeapGrowth } from './heapGrowth.ts';
import { createLogger } from './logger.ts';
import { startMessage } from './startMessage.ts';
import { openStores } from './store/openStores.ts';
import { sharedKey } from './cluster/sharedKeys.ts';
import { loadDeviceKey } from './realtime/deviceCredentials.ts';

const config = readConfig();
limitHeapGrowth(config.heapGrowthPercent);
const logger = createLogger(config.logLevel);
const { store, accounts: accountStore, leases, sharedBuckets, pgPool, where, address } = await openStores(config, logger);
logger.info({ store: where, ...(leases ? { node: leases.nodeId, path: leases.path } : {}) }, 'data');
const setup = await prepareFirstAccount(accountStore, {
  adminEmail: config.admin.email,
  adminPassword: config.admin.password,
  adminName: config.admin.name,
  adminOrganisation: config.admin.organisation,
  now: Date.now,
});
const oidc = config.oidc && { ...config.oidc, publicUrl: config.publicUrl };
logger.info({ passwordHash: passwordHashName(), sso: !!oidc }, 'accounts');

// Several servers on one database hold the same keys (cluster/sharedKeys.ts): a phone or a
// link must work on whichever node owns its session.
const localLinkKey = loadLinkKey(path.join(config.dataDir, 'link-key'));
const localDeviceKey = loadDeviceKey(config.dataDir);
const linkKey = pgPool ? await sharedKey(pgPool, 'link-key', localLinkKey) : localLinkKey;
const deviceKey = pgPool ? await sharedKey(pgPool, 'device.key', localDeviceKey) : localDeviceKey;

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
  hub: { idleUnloadMs: config.sessionIdleMinutes * 60_000, snapshotEvery: config.snapshotEvery, maxStoredBytes: config.sessionMaxMb * 1024 * 1024 },
  accounts: { store: accountStore, linkKey, setup, oidc, sessionsPerDay: config.sessionsPerAccountPerDay },
  addressLimits: config.addressLimits,
  deviceKey,
  leases,
  sharedBuckets,
  controlPool: leases ? pgPool : null,
  exportSource: address,
});

app.http.listen(config.port, config.host, () => {
  const { port } = app.http.address() as AddressInfo;
  logger.info({ port, host: config.host, dataDir: config.dataDir }, 'listening');
  // Every address phones can use, not just localhost (which no phone can reach).
  const lines = startMessage({ interfaces: os.networkInterfaces(), host: config.host, port, publicUrl: config.publicUrl, setupCode: setup.code, node: config.node?.id ?? null });
  console.log(lines.join('\n'));
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  // Several servers: hand this node's sessions to the others first.
  if (leases) await app.drain();
  await app.close();
  leases?.stop();
  sharedBuckets?.close();
  await app.accounts.actions.flush();
  await accountStore.close();
  await store.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
// Last line of defence: log and keep serving. Handlers catch their own errors; this should never fire.
process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
