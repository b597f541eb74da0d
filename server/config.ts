/**
 * Configuration from the environment, read once by server/index.ts and passed down.
 * Nothing else in the server reads process.env.
 */
import path from 'node:path';
import { defaultNodePath } from './cluster/paths.ts';
import { ADDRESS_LIMIT_DEFAULTS, type AddressLimitOptions } from './limits/addressLimits.ts';

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Where the SQLite file lives (and, always, the link and device keys). */
  readonly dataDir: string;
  /** PostgreSQL for sessions and accounts instead of the SQLite file (DATABASE_URL), e.g. postgres://samenspraak@db/samenspraak. */
  readonly databaseUrl: string | null;
  /** Several servers (NODE_ID, with DATABASE_URL): this node's id and its path prefix at the proxy (NODE_PATH, default /n/<id>). */
  readonly node: { readonly id: string; readonly path: string } | null;
  /** Sessions created longer ago than this are deleted automatically (AVG: storage limitation). */
  readonly retentionDays: number;
  /** Public base URL for join links and QR codes when behind a proxy, e.g. https://samenspraak.example.nl */
  readonly publicUrl: string | null;
  /** Express "trust proxy" setting, for X-Forwarded-* behind a reverse proxy. */
  readonly trustProxy: boolean;
  readonly logLevel: string;
  /** Host names the server answers to besides loopback, its LAN addresses and PUBLIC_URL's (comma-separated in ALLOWED_HOSTS). */
  readonly allowedHosts: readonly string[];
  /** Other page origins allowed to open sockets (comma-separated in ALLOWED_ORIGINS). */
  readonly allowedOrigins: readonly string[];
  /** METRICS=1: serve /internal/metrics on loopback, for `npm run bench`. */
  readonly metrics: boolean;
  /** The built client (vite build output). */
  readonly clientDir: string;
  /** A session without any connected socket this long is unloaded from memory (it reloads on demand). */
  readonly sessionIdleMinutes: number;
  /** A snapshot of a session's state every this many commits (or less often for big sessions). */
  readonly snapshotEvery: number;
  /**
   * How far V8 lets the heap grow past what the last full collection kept, in percent
   * (0: V8's own choice, which lets a busy server's heap reach 3-4x its live data).
   */
  readonly heapGrowthPercent: number;
  /** The first beheerder, made at start when no account exists (ADMIN_EMAIL, ADMIN_PASSWORD, optional ADMIN_NAME, ADMIN_ORGANISATION). */
  readonly admin: { readonly email: string | null; readonly password: string | null; readonly name: string | null; readonly organisation: string | null };
  /** Single sign-on (OpenID Connect); null unless OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are all set. */
  readonly oidc: {
    readonly issuer: string;
    readonly clientId: string;
    readonly clientSecret: string;
    readonly allowedDomains: readonly string[];
    readonly organisation: string | null;
  } | null;
  /** A session that takes this many MB of the store refuses what would add to it (SESSION_MAX_MB). */
  readonly sessionMaxMb: number;
  /** Sessions one account may create in 24 hours. */
  readonly sessionsPerAccountPerDay: number;
  /** Per client address: open sockets, joins per minute, sessions created per hour (0: no limit). */
  readonly addressLimits: AddressLimitOptions;
}

function nodeId(value: string): string {
  if (!/^[a-z0-9][a-z0-9-]{0,30}$/.test(value)) throw new Error(`NODE_ID must be lower-case letters, digits and dashes, got "${value}"`);
  return value;
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${value}"`);
  return n;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = process.cwd();
  return {
    port: int(env.PORT, 3000, 'PORT'),
    // All interfaces by default: participants' phones on the venue network must reach the laptop.
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(root, env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || null,
    node: env.NODE_ID ? { id: nodeId(env.NODE_ID), path: (env.NODE_PATH || defaultNodePath(env.NODE_ID)).replace(/\/+$/, '') } : null,
    retentionDays: int(env.RETENTION_DAYS, 30, 'RETENTION_DAYS'),
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : null,
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL || 'info',
    metrics: env.METRICS === '1',
    allowedHosts: (env.ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    clientDir: path.resolve(root, env.CLIENT_DIR || './dist/client'),
    sessionIdleMinutes: int(env.SESSION_IDLE_MINUTES, 15, 'SESSION_IDLE_MINUTES'),
    snapshotEvery: Math.max(1, int(env.SNAPSHOT_EVERY, 200, 'SNAPSHOT_EVERY')),
    heapGrowthPercent: int(env.HEAP_GROWTH_PERCENT, 40, 'HEAP_GROWTH_PERCENT'),
    admin: {
      email: env.ADMIN_EMAIL || null,
      password: env.ADMIN_PASSWORD || null,
      name: env.ADMIN_NAME || null,
      organisation: env.ADMIN_ORGANISATION || null,
    },
    oidc:
      env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET
        ? {
            issuer: env.OIDC_ISSUER,
            clientId: env.OIDC_CLIENT_ID,
            clientSecret: env.OIDC_CLIENT_SECRET,
            allowedDomains: (env.OIDC_ALLOWED_DOMAINS ?? '').split(',').map((d) => d.trim().toLowerCase()).filter(Boolean),
            organisation: env.OIDC_ORGANISATION || null,
          }
        : null,
    sessionMaxMb: Math.max(1, int(env.SESSION_MAX_MB, 50, 'SESSION_MAX_MB')),
    sessionsPerAccountPerDay: Math.max(1, int(env.SESSIONS_PER_ACCOUNT_PER_DAY, 50, 'SESSIONS_PER_ACCOUNT_PER_DAY')),
    addressLimits: {
      socketsPerAddress: int(env.SOCKETS_PER_ADDRESS, ADDRESS_LIMIT_DEFAULTS.socketsPerAddress, 'SOCKETS_PER_ADDRESS'),
      joinsPerAddressPerMinute: int(env.JOINS_PER_ADDRESS_PER_MINUTE, ADDRESS_LIMIT_DEFAULTS.joinsPerAddressPerMinute, 'JOINS_PER_ADDRESS_PER_MINUTE'),
      sessionsPerAddressPerHour: int(env.SESSIONS_PER_ADDRESS_PER_HOUR, ADDRESS_LIMIT_DEFAULTS.sessionsPerAddressPerHour, 'SESSIONS_PER_ADDRESS_PER_HOUR'),
    },
  };
}
