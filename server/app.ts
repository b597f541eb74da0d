/**
 * Builds the whole server (Express + Socket.IO on one HTTP server) without listening.
 * server/index.ts reads the config and listens; tests call createApp with their own
 * store and listen on 127.0.0.1:0.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express, { type Request } from 'express';
import helmet from 'helmet';
import { Server } from 'socket.io';
import { TIMEOUTS } from '../shared/constants.ts';
import { t } from '../shared/i18n/index.ts';
import type { PresenceChange } from '../shared/protocol/events.ts';
import type { UnsentChange } from '../shared/protocol/unsent.ts';
import { Accounts, rotatedLinksOverlay, type AccountsOptions } from './accounts/index.ts';
import { MemoryAccountStore } from './accounts/memoryAccountStore.ts';
import { SetupCode } from './accounts/setupCode.ts';
import { createApiRouter } from './http/api.ts';
import { createProgrammeRouter } from './http/programmes.ts';
import { ExportRunner } from './export/exportRunner.ts';
import type { StoreAddress } from './store/storeAddress.ts';
import { isLoopbackHost, joinAddresses, type Interfaces, type JoinAddresses } from './http/joinAddresses.ts';
import type { Logger } from './logger.ts';
import { attachRealtime } from './realtime/socketServer.ts';
import { ADDRESS_LIMIT_DEFAULTS, AddressLimits, type AddressLimitOptions } from './limits/addressLimits.ts';
import { sessionsPerAddress } from './limits/sessionCreation.ts';
import { rememberClientAddress } from './limits/clientAddress.ts';
import { DeviceCredentials } from './realtime/deviceCredentials.ts';
import { JoinCodeGuard, RATE_LIMITS } from './realtime/rateLimit.ts';
import { hostGuard } from './http/hosts.ts';
import { originAllowed } from './http/origin.ts';
import { createMetricsRouter } from './http/metrics.ts';
import { precompressed } from './http/precompressed.ts';
import { createPublisher } from './realtime/publish.ts';
import { ParticipantSockets } from './realtime/participantSockets.ts';
import { forgetUpgradeRequests } from './realtime/upgradeRequests.ts';
import { rooms } from './realtime/rooms.ts';
import type { AppServer, AppSocket } from './realtime/types.ts';
import { PresenceTracker } from './sessions/presence.ts';
import { startRetention, type Retention } from './sessions/retention.ts';
import { UnsentDrafts } from './sessions/unsentDrafts.ts';
import { MovedError, SessionHub, type HubDeps } from './sessions/sessionHub.ts';
import type pg from 'pg';
import { startControl } from './cluster/control.ts';
import type { SessionLeases } from './cluster/leases.ts';
import type { SharedBuckets } from './limits/sharedBuckets.ts';
import type { SessionStore } from './store/types.ts';

export interface AppDeps {
  readonly store: SessionStore;
  readonly logger: Logger;
  readonly now?: () => number;
  /** The built client; when it does not exist, only the API and sockets are served. */
  readonly clientDir?: string;
  readonly publicUrl?: string | null;
  readonly trustProxy?: boolean;
  /** Delete sessions older than this many days (checked hourly); undefined = never. */
  readonly retentionDays?: number;
  readonly presenceGraceMs?: number;
  /** Host names the server answers to besides loopback, its LAN addresses and PUBLIC_URL's host (ALLOWED_HOSTS). */
  readonly allowedHosts?: readonly string[];
  /** Extra origins allowed to open sockets (the app's own origin always is). */
  readonly allowedOrigins?: readonly string[];
  /** Serve /internal/metrics (loopback only) for the benchmark. */
  readonly metrics?: boolean;
  /** The machine's network interfaces, for the LAN join address (default os.networkInterfaces). */
  readonly networkInterfaces?: () => Interfaces;
  /** The key of the phones' device credentials (server/realtime/deviceCredentials.ts); default: a new one per app. */
  readonly deviceKey?: Buffer;
  /** Sockets, joins and session creation per client address (defaults: ADDRESS_LIMIT_DEFAULTS). */
  readonly addressLimits?: Partial<AddressLimitOptions>;
  /** Session memory: snapshot interval, idempotency memory, idle unloading (see HubDeps). */
  readonly hub?: Pick<HubDeps, 'snapshotEvery' | 'snapshotBytesPerCommit' | 'appliedOpsLimit' | 'idleUnloadMs' | 'maxStoredBytes'>;
  /** Accounts of the people who run sessions; default: in memory, none yet, no set-up code. */
  readonly accounts?: AccountsOptions;
  /** Several servers: this node's session leases (started); sessions load only where they are owned. */
  readonly leases?: SessionLeases | null;
  /** Several servers: the joins and sessions per address counted for the whole cluster. */
  readonly sharedBuckets?: SharedBuckets | null;
  /** Several servers: the database connections the nodes' messages go through (server/cluster/control.ts). */
  readonly controlPool?: pg.Pool | null;
  /**
   * Where `store` keeps its sessions, for the export process to read them itself (the event
   * loop then sends it an id, not the state). Absent with the in-memory store.
   */
  readonly exportSource?: StoreAddress | null;
}

export interface App {
  readonly http: HttpServer;
  readonly io: AppServer;
  readonly hub: SessionHub;
  readonly accounts: Accounts;
  /** The retention sweeps (null without retentionDays); tests await `lastSweep` instead of sleeping. */
  readonly retention: Retention | null;
  /**
   * Several servers, before stopping (SIGTERM): gives every session of this node to the others
   * (its leases drained, /readyz says 503), stops taking connections, and closes its sockets
   * so the devices reconnect through the proxy to the session's next owner.
   */
  drain(): Promise<void>;
  /** Stops timers, closes sockets and the HTTP server. Does not close the store (its owner does). */
  close(): Promise<void>;
}

export function createApp(deps: AppDeps): App {
  const now = deps.now ?? Date.now;
  const { store, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  // One proxy hop: req.ip is the address our own proxy saw, not what a client wrote in X-Forwarded-For.
  app.set('trust proxy', deps.trustProxy ? 1 : false);
  const http = createServer(app);
  const interfaces = deps.networkInterfaces ?? os.networkInterfaces;
  const hostAllowed = hostGuard({ interfaces, publicUrl: deps.publicUrl ?? null, allowedHosts: deps.allowedHosts ?? [] });
  app.use(securityHeaders());
  app.use(openerPolicy);
  app.use((req, res, next) => {
    if (hostAllowed(req.get('host'))) return next();
    // 421 Misdirected Request: this server does not answer to that name (see http/hosts.ts).
    res.status(421).type('text/plain').send('Deze server kent dit adres niet. Zet de naam in ALLOWED_HOSTS.');
  });
  const allowedOrigins = [...(deps.allowedOrigins ?? []), ...(deps.publicUrl ? [new URL(deps.publicUrl).origin] : [])];

  const io: AppServer = new Server(http, {
    serveClient: false,
    // Small frames only: the largest legitimate message is an edited session content (~30 KB).
    maxHttpBufferSize: 64 * 1024,
    perMessageDeflate: false,
    // Same-origin app: no CORS for sockets.
    cors: undefined,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    // Cross-site WebSocket hijacking: a browser always says where a page came from; refuse other sites.
    allowRequest: (req, callback) => callback(null, hostAllowed(req.headers.host) && originAllowed(req.headers.origin, req.headers.host, allowedOrigins)),
  });
  // Socket.IO's own HTTP answers (long polling) bypass Express: give them the same hardening.
  const engineHeaders = (headers: Record<string, string>) => {
    headers['Content-Security-Policy'] = "default-src 'none'; frame-ancestors 'none'";
    headers['X-Content-Type-Options'] = 'nosniff';
  };
  io.engine.on('initial_headers', engineHeaders);
  io.engine.on('headers', engineHeaders);
  // Nothing after the handshake needs the HTTP request: do not keep it alive per connection
  // (only the sign-in token it carried, for the action log: see Accounts.rememberConnection;
  // and the client's address, for the limits per address: see limits/clientAddress.ts).
  io.engine.on('connection', (raw: Parameters<typeof rememberClientAddress>[0]) => {
    accounts.rememberConnection(raw, raw.request?.headers.cookie);
    rememberClientAddress(raw, deps.trustProxy ?? false);
    raw.request = null;
  });
  // A second reference, Engine.IO's answer to the WebSocket upgrade, would keep it anyway.
  forgetUpgradeRequests(io.engine);

  const accountOptions = deps.accounts ?? { store: new MemoryAccountStore(), linkKey: randomBytes(32), setup: new SetupCode(null) };
  // Links an owner rotated replace the stored ones (server/accounts/sessionLinks.ts).
  const leases = deps.leases ?? null;
  const hub = new SessionHub({
    ...deps.hub,
    store,
    now,
    logger,
    recordOverlay: rotatedLinksOverlay(accountOptions.store),
    ...(leases
      ? {
          ownership: {
            path: leases.path,
            claim: async (sessionId: string) => {
              const owner = await leases.route(sessionId);
              return owner === null ? null : owner.mine ? 'mine' : { movedTo: owner.path };
            },
            lost: (sessionId: string) => leases.forget(sessionId),
          },
          onLost: (sessionId: string) => dropConnections([rooms.participants(sessionId), rooms.operators(sessionId)]),
        }
      : {}),
  });
  let draining = false;
  /**
   * Closes the connections of these rooms' sockets without a word: the devices take it for a
   * network blip and reconnect by themselves (a "disconnect" from the server would stop them),
   * and are then sent to the session's new owner.
   */
  function dropConnections(roomNames: readonly string[] | 'all'): void {
    const ids = roomNames === 'all' ? [...io.sockets.sockets.keys()] : roomNames.flatMap((r) => [...(io.sockets.adapter.rooms.get(r) ?? [])]);
    for (const id of ids) io.sockets.sockets.get(id)?.conn.close();
  }
  const accounts = new Accounts(
    { ...accountOptions, sessions: store, logger, now, allowedOrigins, trustProxy: deps.trustProxy ?? false },
    hub,
    // After a rotation every console and screen must prove the new link.
    (sessionId) => io.in(rooms.operators(sessionId)).disconnectSockets(true),
  );
  // Presence changes come one per connection; in a join or reconnect storm hundreds arrive
  // together, so they are sent to the operators as one message per turn of the event loop.
  const presenceBuffers = new Map<string, PresenceChange[]>();
  const presence = new PresenceTracker({
    graceMs: deps.presenceGraceMs ?? TIMEOUTS.presenceGraceMs,
    now,
    onChange: (sessionId, change) => {
      let buffer = presenceBuffers.get(sessionId);
      if (!buffer) {
        presenceBuffers.set(sessionId, (buffer = []));
        setImmediate(() => {
          presenceBuffers.delete(sessionId);
          // Facilitators only: the projector shows no one's connection.
          io.to(rooms.operators(sessionId)).except(rooms.screens(sessionId)).emit('presence:changed', buffer!);
        });
      }
      buffer.push(change);
    },
  });
  // Like presence: batched per turn of the event loop, one message to the operators.
  const unsentBuffers = new Map<string, Map<string, UnsentChange>>();
  const unsent = new UnsentDrafts((sessionId, changes) => {
    let buffer = unsentBuffers.get(sessionId);
    if (!buffer) {
      unsentBuffers.set(sessionId, (buffer = new Map()));
      setImmediate(() => {
        unsentBuffers.delete(sessionId);
        io.to(rooms.operators(sessionId)).except(rooms.screens(sessionId)).emit('unsent:changed', [...buffer!.values()]);
      });
    }
    for (const c of changes) buffer.set(c.groupId, c);
  });
  const participantSockets = new ParticipantSockets<AppSocket>({ limits: RATE_LIMITS.participant, maxSockets: RATE_LIMITS.socketsPerParticipant }, now);
  hub.onCommit(createPublisher(io, now, participantSockets));
  // Report files are written in a child process, started on the first download.
  const exports = new ExportRunner({ source: deps.exportSource ?? null });
  const joinCodes = new JoinCodeGuard({ failures: RATE_LIMITS.joinFailures, lookupsWhileBlocked: RATE_LIMITS.codeLookupsWhileBlocked }, deps.sharedBuckets ?? null);
  const addressLimits = new AddressLimits({ ...ADDRESS_LIMIT_DEFAULTS, ...deps.addressLimits }, deps.sharedBuckets ?? null);
  const realtime = attachRealtime(io, {
    hub,
    store,
    presence,
    unsent,
    logger,
    now,
    joinCodes,
    addressLimits,
    devices: new DeviceCredentials(deps.deviceKey ?? randomBytes(32)),
    participantSockets,
    onFacilitatorCommand: (socket, sessionId, command) => accounts.recordSocketAction(socket.conn, sessionId, command),
  });

  async function deleteSession(sessionId: string): Promise<void> {
    await store.deleteSession(sessionId);
    await accounts.forget(sessionId);
    forgetHere(sessionId);
    // Several servers: the session's owner may be another node (retention runs on each).
    control?.sessionDeleted(sessionId);
  }

  /** A deleted session leaves this node: memory, and its devices (phones forget their token; panels and screens are disconnected). */
  function forgetHere(sessionId: string): void {
    hub.evict(sessionId);
    leases?.forget(sessionId);
    presence.forget(sessionId);
    unsent.forget(sessionId);
    io.to(rooms.participants(sessionId)).emit('participant:removed');
    io.in(rooms.participants(sessionId)).disconnectSockets(false);
    io.in(rooms.operators(sessionId)).disconnectSockets(true);
  }
  const control = leases && deps.controlPool ? startControl(deps.controlPool, { sessionDeleted: forgetHere }, (err) => logger.warn({ err: err.message }, 'message between nodes failed')) : null;

  /** Where phones can reach this server, as seen from this request (see http/joinAddresses.ts). */
  const addressesFor = (req: Request): JoinAddresses =>
    joinAddresses({
      interfaces: interfaces(),
      requestHost: req.get('host'),
      protocol: req.protocol,
      port: (http.address() as AddressInfo | null)?.port ?? 0,
      publicUrl: deps.publicUrl ?? null,
    });

  // Live: the process answers. Ready: it takes sessions (not while handing them over).
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true, uptimeSeconds: Math.round(process.uptime()) });
  });
  app.get('/readyz', (_req, res) => {
    res.status(draining ? 503 : 200).json({ ok: !draining, ...(leases ? { node: leases.nodeId } : {}) });
  });
  if (deps.metrics) app.use('/internal/metrics', createMetricsRouter(io, { loadedSessions: () => hub.loadedCount, exportPeakRssBytes: () => exports.peakRssBytes }));
  app.post('/api/sessions', sessionsPerAddress(addressLimits, now));
  app.use(
    '/api',
    express.json({ limit: '64kb' }),
    accounts.router,
    createApiRouter({ hub, store, logger, joinAddresses: addressesFor, deleteSession, joinCodes, now, exports, accounts }),
    createProgrammeRouter({ accounts: accounts.store, sessions: store, hub, access: accounts.access, exports, logger, now }),
  );
  app.use('/api', (_req, res) => {
    res.status(404).json({ ok: false, code: 'not_found', error: 'Onbekend adres.' });
  });

  const clientDir = deps.clientDir;
  if (clientDir && existsSync(path.join(clientDir, 'index.html'))) {
    app.use(precompressed(clientDir));
    app.use(express.static(clientDir, { index: false, maxAge: '1h', setHeaders: immutableAssets }));
    // Client-side routes (/j/CODE, /begeleider/…, /scherm/…) all get the app shell.
    app.use((req, res, next) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      res.set('Cache-Control', 'no-cache').sendFile(path.join(clientDir, 'index.html'));
    });
  } else {
    app.get('/', (_req, res) => {
      res.status(503).type('text/plain').send('De app is nog niet gebouwd: voer "npm run build" uit (of gebruik "npm start").');
    });
  }

  // Errors in handlers end here: a clear JSON answer, the details in the log only.
  app.use((err: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    // Several servers: the session lives on another node; the same request there (307 keeps method and body).
    if (err instanceof MovedError) return void res.redirect(307, `${err.path}${req.originalUrl}`);
    const status = (err as { status?: number }).status ?? 500;
    if (status >= 500) logger.error({ err }, 'http error');
    // A body that is no JSON, or too big, is the sender's mistake: say which, in the dictionary's words.
    const type = (err as { type?: string }).type;
    const detail = type === 'entity.parse.failed' ? 'de gegevens zijn geen geldige JSON' : type === 'entity.too.large' ? 'de gegevens zijn te groot' : null;
    if (detail) res.status(status).json({ ok: false, code: 'invalid', key: 'error.invalid', detail, error: t('nl', 'error.invalid', { detail }) });
    else res.status(status).json({ ok: false, code: status === 400 || status === 413 ? 'invalid' : 'internal', error: 'Er ging iets mis.' });
  });

  const retention = deps.retentionDays !== undefined ? startRetention({ store, logger, now, days: deps.retentionDays, deleteSession }) : null;

  return {
    http,
    io,
    hub,
    accounts,
    retention,
    async drain() {
      draining = true;
      await leases?.drain();
      // No new connections; those open are closed, and their devices come back elsewhere.
      http.close();
      await hub.drain();
      dropConnections('all');
    },
    async close() {
      retention?.stop();
      await control?.close();
      presence.close();
      await exports.close();
      hub.close();
      realtime.close();
      await hub.drain();
      // io.close() ends the transports without a "disconnect" message, so clients treat a
      // restart like a network blip and reconnect by themselves.
      await new Promise<void>((resolve) => io.close(() => resolve()));
      if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/**
 * Security headers on every response. The Content-Security-Policy allows only this origin:
 * no inline scripts, no third-party hosts (the built client needs neither).
 */
function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Same-origin app; the QR SVG is loaded as an <img> from the same origin.
    crossOriginEmbedderPolicy: false,
    // Set by openerPolicy below, only where a browser applies it.
    crossOriginOpenerPolicy: false,
  });
}

/**
 * Cross-Origin-Opener-Policy only over HTTPS or on this machine: browsers ignore it on a plain
 * http LAN address (the venue set-up: phones on http://192.168.x.y) and log an error for it
 * on every phone, which looks like a fault to whoever opens the console.
 */
function openerPolicy(req: express.Request, res: express.Response, next: express.NextFunction): void {
  if (req.secure || isLoopbackHost(req.get('host') ?? '')) res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  next();
}

/** Vite puts a content hash in asset names: they never change, so phones may cache them for good. */
function immutableAssets(res: express.Response, file: string): void {
  if (file.includes(`${path.sep}assets${path.sep}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
}
