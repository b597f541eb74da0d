/**
 * Schema migrations for the PostgreSQL store (pgStore.ts), versioned in code like the
 * SQLite ones (migrations.ts), with the same tables and meaning in PostgreSQL's dialect:
 * times are BIGINT milliseconds, events and snapshots TEXT (JSON the store never looks into,
 * kept byte for byte, so both backends hand back exactly what they were given).
 *
 * The applied version is kept in `schema_version` (one row). `migratePg` takes a
 * transaction-scoped advisory lock first, so servers starting at the same moment apply each
 * migration once; the lock ends with the transaction (it guards nothing else).
 *
 * Rules: never edit or reorder a migration that has shipped; add a new one with the next
 * version number instead.
 */
import type { PoolClient } from 'pg';

export interface PgMigration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'sessions, commits, tokens, snapshots, work package requests',
    up: `
      CREATE TABLE sessions (
        id                         TEXT   NOT NULL PRIMARY KEY,
        code                       TEXT   NOT NULL,
        created_at                 BIGINT NOT NULL,
        facilitator_secret_hash    TEXT   NOT NULL,
        screen_secret_hash         TEXT   NOT NULL,
        derived_screen_secret_hash TEXT,
        ended_at                   BIGINT
      );
      -- Join codes resolve to at most one session; a deleted session's code may come back.
      CREATE UNIQUE INDEX sessions_code ON sessions (code);
      CREATE INDEX sessions_created_at ON sessions (created_at);

      CREATE TABLE commits (
        session_id TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        seq        INTEGER NOT NULL,
        op_id      TEXT,
        at         BIGINT  NOT NULL,
        events     TEXT    NOT NULL, -- JSON array of DomainEvent
        CONSTRAINT commits_pkey PRIMARY KEY (session_id, seq)
      );
      -- Idempotency: one commit per client operation per session.
      CREATE UNIQUE INDEX commits_op_id ON commits (session_id, op_id) WHERE op_id IS NOT NULL;

      CREATE TABLE participant_tokens (
        token_hash     TEXT NOT NULL PRIMARY KEY,
        session_id     TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        participant_id TEXT NOT NULL
      );
      CREATE INDEX participant_tokens_session ON participant_tokens (session_id);

      CREATE TABLE snapshots (
        session_id TEXT    NOT NULL PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
        seq        INTEGER NOT NULL,
        state      TEXT    NOT NULL
      );

      CREATE TABLE work_package_requests (
        session_id      TEXT   NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        participant_id  TEXT   NOT NULL,
        email           TEXT   NOT NULL,
        consent_version TEXT   NOT NULL,
        at              BIGINT NOT NULL,
        PRIMARY KEY (session_id, participant_id)
      );
    `,
  },
  {
    version: 2,
    name: 'accounts',
    // The account store's tables (server/accounts/pgAccountStore.ts), as SQLite's migration 5.
    // Sessions' rows are only referenced: deleting a session takes its owner link and log along.
    up: `
      CREATE TABLE accounts (
        id            TEXT   NOT NULL PRIMARY KEY,
        email         TEXT   NOT NULL,
        name          TEXT   NOT NULL,
        organisation  TEXT   NOT NULL,
        role          TEXT   NOT NULL CHECK (role IN ('beheerder', 'organisator', 'begeleider')),
        password_hash TEXT,
        created_at    BIGINT NOT NULL,
        disabled_at   BIGINT
      );
      CREATE UNIQUE INDEX accounts_email ON accounts (email);
      CREATE INDEX accounts_organisation ON accounts (organisation);

      CREATE TABLE logins (
        token_hash TEXT   NOT NULL PRIMARY KEY,
        account_id TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX logins_account ON logins (account_id);

      CREATE TABLE api_tokens (
        id           TEXT   NOT NULL PRIMARY KEY,
        account_id   TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        name         TEXT   NOT NULL,
        token_hash   TEXT   NOT NULL,
        created_at   BIGINT NOT NULL,
        last_used_at BIGINT
      );
      CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (token_hash);
      CREATE INDEX api_tokens_account ON api_tokens (account_id);

      CREATE TABLE session_owners (
        session_id       TEXT    NOT NULL PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
        account_id       TEXT    NOT NULL REFERENCES accounts (id),
        organisation     TEXT    NOT NULL,
        title            TEXT    NOT NULL,
        created_at       BIGINT  NOT NULL,
        link_version     INTEGER NOT NULL DEFAULT 0,
        facilitator_hash TEXT,
        screen_hash      TEXT
      );
      CREATE INDEX session_owners_account ON session_owners (account_id, created_at);
      CREATE INDEX session_owners_organisation ON session_owners (organisation, created_at);

      CREATE TABLE session_actions (
        id         BIGSERIAL NOT NULL PRIMARY KEY, -- the order of writing, like SQLite's rowid
        session_id TEXT      NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        at         BIGINT    NOT NULL,
        actor      TEXT      NOT NULL,
        action     TEXT      NOT NULL
      );
      CREATE INDEX session_actions_session ON session_actions (session_id, at);
    `,
  },
  {
    version: 3,
    name: 'nodes and session leases',
    // Several servers (server/cluster/leases.ts): each node heartbeats here, and each session
    // is owned by one node at a time with an epoch, the fencing token its commits must carry.
    up: `
      CREATE TABLE nodes (
        id           TEXT    NOT NULL PRIMARY KEY,
        path         TEXT    NOT NULL, -- where the proxy reaches it, e.g. /n/a
        heartbeat_at BIGINT  NOT NULL, -- the database's clock, so nodes' clocks never matter
        draining     BOOLEAN NOT NULL DEFAULT FALSE
      );
      CREATE TABLE session_leases (
        session_id TEXT   NOT NULL PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
        node_id    TEXT   NOT NULL,
        epoch      BIGINT NOT NULL,
        claimed_at BIGINT NOT NULL
      );
      CREATE INDEX session_leases_node ON session_leases (node_id);
    `,
  },
  {
    version: 4,
    name: 'programmes',
    // As SQLite's migration 6; `n` keeps the order of making (SQLite's rowid).
    up: `
      CREATE TABLE programmes (
        id           TEXT      NOT NULL PRIMARY KEY,
        n            BIGSERIAL NOT NULL,
        organisation TEXT      NOT NULL,
        name         TEXT      NOT NULL,
        created_by   TEXT      NOT NULL,
        created_at   BIGINT    NOT NULL
      );
      CREATE INDEX programmes_organisation ON programmes (organisation, created_at);

      CREATE TABLE programme_sessions (
        programme_id TEXT      NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
        session_id   TEXT      NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        n            BIGSERIAL NOT NULL,
        added_at     BIGINT    NOT NULL,
        PRIMARY KEY (programme_id, session_id)
      );
      CREATE INDEX programme_sessions_session ON programme_sessions (session_id);
    `,
  },
  {
    version: 5,
    name: 'rate buckets',
    // Limits per client address that hold across nodes (server/cluster/pgBuckets.ts): one token
    // bucket per key, refilled on the database's clock.
    up: `
      CREATE TABLE rate_buckets (
        key        TEXT             NOT NULL PRIMARY KEY,
        tokens     DOUBLE PRECISION NOT NULL,
        updated_at BIGINT           NOT NULL
      );
      CREATE INDEX rate_buckets_updated ON rate_buckets (updated_at);
    `,
  },
  {
    version: 6,
    name: 'socket.io attachments',
    // The Socket.IO PostgreSQL adapter's table for messages over NOTIFY's 8,000 bytes
    // (server/cluster/control.ts; its messages are small, but it sweeps this table).
    up: `
      CREATE TABLE socket_io_attachments (
        id         BIGSERIAL UNIQUE,
        created_at TIMESTAMPTZ DEFAULT NOW(),
        payload    BYTEA
      );
    `,
  },
  {
    version: 7,
    name: 'open sockets per address',
    // Open sockets per client address for the whole cluster (server/cluster/pgSockets.ts): each
    // node's count per address; a row counts while its node's heartbeat in `nodes` is fresh.
    up: `
      CREATE TABLE address_sockets (
        address    TEXT    NOT NULL,
        node_id    TEXT    NOT NULL,
        sockets    INTEGER NOT NULL,
        updated_at BIGINT  NOT NULL,
        PRIMARY KEY (address, node_id)
      );
      CREATE INDEX address_sockets_node ON address_sockets (node_id);
    `,
  },
  {
    version: 8,
    name: 'cluster keys',
    // The keys every node must hold alike (server/cluster/sharedKeys.ts): the first node's
    // link-key and device.key, so nobody has to copy them between machines.
    up: `
      CREATE TABLE cluster_keys (
        name  TEXT  PRIMARY KEY,
        value BYTEA NOT NULL
      );
    `,
  },
];

/** The schema version this code expects. */
export const PG_LATEST_VERSION = PG_MIGRATIONS.length;

/** An arbitrary constant: the advisory lock key of "migrating Samenspraak's schema". */
const MIGRATION_LOCK = 7_411_901;

/**
 * Brings the schema (the connection's search_path) up to date and returns its version.
 * Idempotent; refuses a schema written by newer code.
 */
export async function migratePg(client: PoolClient): Promise<number> {
  PG_MIGRATIONS.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = (await client.query<{ version: number }>('SELECT version FROM schema_version')).rows[0];
    const current = row?.version ?? 0;
    if (!row) await client.query('INSERT INTO schema_version (version) VALUES (0)');
    if (current > PG_LATEST_VERSION) {
      throw new Error(`database schema version ${current} is newer than this server supports (${PG_LATEST_VERSION})`);
    }
    for (const m of PG_MIGRATIONS) {
      if (m.version <= current) continue;
      await client.query(m.up);
      await client.query('UPDATE schema_version SET version = $1', [m.version]);
    }
    await client.query('COMMIT');
    return Math.max(current, PG_LATEST_VERSION);
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
