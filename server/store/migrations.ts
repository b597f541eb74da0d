/**
 * Schema migrations for the SQLite store, versioned in code. The database's
 * `PRAGMA user_version` records the last applied version; `migrate` applies every newer
 * migration in one IMMEDIATE transaction (the version bump is part of that transaction,
 * so a crash mid-way leaves the old schema and the old version, never a mix).
 *
 * Rules: never edit or reorder a migration that has shipped; add a new one with the next
 * version number instead. Versions are 1, 2, 3, ... without gaps.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    up: `
      CREATE TABLE sessions (
        id                      TEXT    NOT NULL PRIMARY KEY,
        code                    TEXT    NOT NULL,
        created_at              INTEGER NOT NULL,
        facilitator_secret_hash TEXT    NOT NULL,
        screen_secret_hash      TEXT    NOT NULL,
        ended_at                INTEGER
      );
      -- Join codes resolve to at most one session. A deleted session's row is gone, so its
      -- code may be handed out again.
      CREATE UNIQUE INDEX sessions_code ON sessions (code);
      CREATE INDEX sessions_created_at ON sessions (created_at);

      CREATE TABLE commits (
        session_id TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        seq        INTEGER NOT NULL,
        op_id      TEXT,
        at         INTEGER NOT NULL,
        events     TEXT    NOT NULL, -- JSON array of DomainEvent
        PRIMARY KEY (session_id, seq)
      );
      -- Idempotency: one commit per client operation per session.
      CREATE UNIQUE INDEX commits_op_id ON commits (session_id, op_id) WHERE op_id IS NOT NULL;

      CREATE TABLE participant_tokens (
        token_hash     TEXT NOT NULL PRIMARY KEY,
        session_id     TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        participant_id TEXT NOT NULL
      );
      -- Makes the ON DELETE CASCADE from sessions an index lookup instead of a table scan.
      CREATE INDEX participant_tokens_session ON participant_tokens (session_id);
    `,
  },
  {
    version: 2,
    name: 'snapshots',
    up: `
      -- The latest state of a session at commit seq (JSON of SessionState), so loading reads
      -- one snapshot and the commits after it instead of the whole history.
      CREATE TABLE snapshots (
        session_id TEXT    NOT NULL PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
        seq        INTEGER NOT NULL,
        state      TEXT    NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'derived screen secret',
    // Sessions made before screen secrets were derived from the facilitator secret get the
    // derived one's hash here, beside the random one (which keeps working).
    up: `ALTER TABLE sessions ADD COLUMN derived_screen_secret_hash TEXT;`,
  },
  {
    version: 4,
    name: 'work package requests',
    // E-mail addresses for the work packages, apart from the dialogue's commits and
    // snapshots (never in its exports), gone with the session.
    up: `
      CREATE TABLE work_package_requests (
        session_id      TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        participant_id  TEXT    NOT NULL,
        email           TEXT    NOT NULL,
        consent_version TEXT    NOT NULL,
        at              INTEGER NOT NULL,
        PRIMARY KEY (session_id, participant_id)
      );
    `,
  },
  {
    version: 5,
    name: 'accounts',
    // Accounts of the people who run sessions (server/accounts/). Read and written by the
    // account store on its own connection; sessions' rows are only referenced, so deleting a
    // session (by hand or by retention) takes its owner link and its action log with it.
    up: `
      CREATE TABLE accounts (
        id            TEXT    NOT NULL PRIMARY KEY,
        email         TEXT    NOT NULL,
        name          TEXT    NOT NULL,
        organisation  TEXT    NOT NULL,
        role          TEXT    NOT NULL CHECK (role IN ('beheerder', 'organisator', 'begeleider')),
        password_hash TEXT,
        created_at    INTEGER NOT NULL,
        disabled_at   INTEGER
      );
      CREATE UNIQUE INDEX accounts_email ON accounts (email);
      CREATE INDEX accounts_organisation ON accounts (organisation);

      CREATE TABLE logins (
        token_hash TEXT    NOT NULL PRIMARY KEY,
        account_id TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX logins_account ON logins (account_id);

      CREATE TABLE api_tokens (
        id           TEXT    NOT NULL PRIMARY KEY,
        account_id   TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        name         TEXT    NOT NULL,
        token_hash   TEXT    NOT NULL,
        created_at   INTEGER NOT NULL,
        last_used_at INTEGER
      );
      CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (token_hash);
      CREATE INDEX api_tokens_account ON api_tokens (account_id);

      CREATE TABLE session_owners (
        session_id       TEXT    NOT NULL PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
        account_id       TEXT    NOT NULL REFERENCES accounts (id),
        organisation     TEXT    NOT NULL,
        title            TEXT    NOT NULL,
        created_at       INTEGER NOT NULL,
        link_version     INTEGER NOT NULL DEFAULT 0,
        facilitator_hash TEXT,
        screen_hash      TEXT
      );
      CREATE INDEX session_owners_account ON session_owners (account_id, created_at);
      CREATE INDEX session_owners_organisation ON session_owners (organisation, created_at);

      CREATE TABLE session_actions (
        session_id TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        at         INTEGER NOT NULL,
        actor      TEXT    NOT NULL,
        action     TEXT    NOT NULL
      );
      CREATE INDEX session_actions_session ON session_actions (session_id, at);
    `,
  },
  {
    version: 6,
    name: 'programmes',
    // Programmes of an organisation (server/accounts/, issue 12's programme insight): a name
    // and the sessions in it. Deleting a session takes it out of every programme.
    up: `
      CREATE TABLE programmes (
        id           TEXT    NOT NULL PRIMARY KEY,
        organisation TEXT    NOT NULL,
        name         TEXT    NOT NULL,
        created_by   TEXT    NOT NULL,
        created_at   INTEGER NOT NULL
      );
      CREATE INDEX programmes_organisation ON programmes (organisation, created_at);

      CREATE TABLE programme_sessions (
        programme_id TEXT    NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
        session_id   TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        added_at     INTEGER NOT NULL,
        PRIMARY KEY (programme_id, session_id)
      );
      CREATE INDEX programme_sessions_session ON programme_sessions (session_id);
    `,
  },
];

function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
    }
  });
}

/** The schema version this code expects. */
export const LATEST_VERSION = MIGRATIONS.length;

/**
 * Brings the database up to the latest schema version and returns that version.
 * Idempotent: on an up-to-date database it changes nothing. Refuses a database written by
 * newer code (a higher user_version than any migration known here).
 */
export function migrate(db: Database.Database): number {
  checkMigrationList(MIGRATIONS);
  const apply = db.transaction((): number => {
    // Read inside the (immediate, write-locked) transaction so two processes opening the
    // same file at once cannot both apply the same migration.
    const current = Number(db.pragma('user_version', { simple: true }));
    if (current > LATEST_VERSION) {
      throw new Error(
        `database schema version ${current} is newer than this server supports (${LATEST_VERSION})`,
      );
    }
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      db.exec(m.up);
      // PRAGMA does not take bound parameters; the version is a checked integer.
      db.pragma(`user_version = ${m.version}`);
    }
    return Number(db.pragma('user_version', { simple: true }));
  });
  return apply.immediate();
}
