/**
 * The authority over live sessions. For every command: decide (pure domain rules) → fold
 * the events into the in-memory state → write the commit with the next group write →
 * publish → return, after which the transport acknowledges. Nothing is published or
 * acknowledged before it is on disk. Memory may run ahead of the disk by one batch; if
 * that batch fails, the session is dropped from memory and reloaded from disk.
 *
 * Sessions are loaded lazily from the store (their latest snapshot plus the commits after
 * it) and kept in memory while anyone is connected; a session without a socket for
 * `idleUnloadMs` (15 minutes) is unloaded and loads again on its next use. Every
 * `snapshotEvery` commits the state is written along with the commit as a snapshot, or
 * less often as the state grows: serialising it blocks the event loop (a 2,000-person
 * session with thousands of answers is ~5 MB, tens of milliseconds), so a snapshot waits
 * until at most `snapshotBytesPerCommit` of it falls on each commit since the last one.
 *
 * Idempotency: `appliedOps` remembers the keys of the last `appliedOpsLimit` operations. A
 * retry of an older one is decided again; if that changes anything, the store's unique
 * (session, opId) key refuses the commit, the session reloads from disk, and the retry is
 * acknowledged as the duplicate it is.
 */
import { authorise, decide, type Refusal } from '../../shared/domain/decide.ts';
import type { Command } from '../../shared/domain/commands.ts';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { evolve } from '../../shared/domain/evolve.ts';
import type { Step } from '../../shared/steps/index.ts';
import type { Actor, SessionContent, SessionSettings, SessionState } from '../../shared/domain/types.ts';
import type { Logger } from '../logger.ts';
import { hashSecret, newId, newJoinCode, newSecret, screenSecretFor } from '../secrets.ts';
import { DuplicateOpError, FencedError, type AppendEntry, type Commit, type ParticipantToken, type SessionRecord, type SessionStore } from '../store/types.ts';
import { CommitWriter } from './commitWriter.ts';
import { GroupIndex } from './groupIndex.ts';
import { restoreState } from './restore.ts';
import { DEFAULT_MAX_STORED_BYTES, WHEN_FULL } from './storageQuota.ts';

export interface LiveSession {
  /** Replaced (not edited) when the record changes, e.g. a derived screen secret is added. */
  record: SessionRecord;
  readonly state: SessionState;
  /** seq of the last commit decided (written, or in the batch being written). */
  seq: number;
  /**
   * Keys of the most recent operations (oldest first, at most `appliedOpsLimit`): a retry
   * of one of these is acknowledged without applying it again. Older ones: see the file comment.
   */
  readonly appliedOps: Set<string>;
  /** seq of the latest snapshot (written, or in the batch being written); 0 if none. */
  snapshotSeq: number;
  /** Length of that snapshot (characters of JSON); 0 if none. */
  snapshotBytes: number;
  /** Commits queued or being written; a session is never unloaded with writes in flight. */
  writes: number;
  /** Since when no socket has been connected (the load time, or when the last one left). */
  idleSince: number;
  /** Resolves when every commit decided so far is durable; rejects if that write failed. */
  lastWrite: Promise<void>;
  /** Set when a write failed: this object is stale and the session reloads from disk. */
  broken: boolean;
  /** Answers per group, so one participant's view does not scan the whole session. */
  readonly index: GroupIndex;
  /** Roughly what the session takes in the store (characters of JSON): for its quota. */
  storedBytes: number;
  /**
   * Per answer, the commit of its latest edit (decided since this session was loaded) and
   * its size: the next edit or the delete of that answer supersedes it, so the store drops it
   * (see `supersedes` in store/types.ts). Only the latest text is kept, not every save.
   */
  readonly lastEdits: Map<string, { readonly seq: number; readonly bytes: number }>;
}

/** Called after a commit is durable and folded in; `before` lets routing see what an event referred to. */
export type Publisher = (session: LiveSession, events: readonly DomainEvent[], before: BeforeInfo) => void;

/** Facts about the state just before a commit that routing needs (e.g. the group of a deleted answer). */
export interface BeforeInfo {
  readonly answerGroups: ReadonlyMap<string, string>;
  readonly participantGroups: ReadonlyMap<string, string | null>;
}

export type ExecuteResult = { readonly ok: true; readonly duplicate: boolean } | Refusal;

export interface CreatedSession {
  readonly record: SessionRecord;
  readonly facilitatorSecret: string;
  readonly screenSecret: string;
}

export interface HubDeps {
  readonly store: SessionStore;
  readonly now: () => number;
  readonly logger: Logger;
  /** Write a snapshot every this many commits (default 200) … */
  readonly snapshotEvery?: number;
  /**
   * … but no more than this many bytes of snapshot per commit since the last one (default 512):
   * at 5,000 people the state is ~4 MB, and at 2,048 a burst of answers wrote three snapshots
   * in one second, each holding the event loop 30-80 ms; at 512 that is one per ~8,000
   * commits, and loading after a restart replays at most that many (well under a second).
   */
  readonly snapshotBytesPerCommit?: number;
  /** How many operation keys each session remembers (default 10,000). */
  readonly appliedOpsLimit?: number;
  /** Unload a session after this long without a socket (default 15 minutes). */
  readonly idleUnloadMs?: number;
  /**
   * Adjusts a record read from the store before it is used, e.g. links an owner rotated
   * (their hashes live with the owner, server/accounts/sessionLinks.ts). Default: as stored.
   */
  readonly recordOverlay?: (record: SessionRecord) => Promise<SessionRecord>;
  /** A session that takes this much of the store refuses what would add to it (default 50 MB; see storageQuota.ts). */
  readonly maxStoredBytes?: number;
  /** Several servers: this node loads (and writes) only the sessions it owns (server/cluster/). */
  readonly ownership?: Ownership;
  /** This node lost a session to another (its write was fenced): its sockets must go there. */
  readonly onLost?: (sessionId: string) => void;
}

/** Which sessions this node may hold, when several servers share the database. */
export interface Ownership {
  /** This node's proxy path (e.g. `/n/a`). */
  readonly path: string;
  /** Claims the session for this node, or says where it lives (the owner's proxy path); null: no such session. */
  claim(sessionId: string): Promise<'mine' | { readonly movedTo: string } | null>;
  /** This node no longer holds the session. */
  lost(sessionId: string): void;
}

/** The session lives on another node: go to `path` (its proxy path). */
export class MovedError extends Error {
  constructor(
    readonly sessionId: string,
    readonly path: string,
  ) {
    super(`session ${sessionId} lives at ${path}`);
    this.name = 'MovedError';
  }
}

export const HUB_DEFAULTS = {
  snapshotEvery: 200,
  snapshotBytesPerCommit: 512,
  appliedOpsLimit: 10_000,
  idleUnloadMs: 15 * 60_000,
  maxStoredBytes: DEFAULT_MAX_STORED_BYTES,
} as const;

export class SessionHub {
  private readonly live = new Map<string, Promise<LiveSession | null>>();
  /** The same sessions once loaded, for synchronous access. */
  private readonly resolved = new Map<string, LiveSession>();
  /** Join code → id of the sessions in `resolved`: a join needs no trip to the store (the SQLite thread, or the database) to find its session. */
  private readonly byCode = new Map<string, string>();
  private publisher: Publisher = () => {};
  private readonly writer: CommitWriter;
  /** Open sockets per session (participants, facilitators and screens). */
  private readonly sockets = new Map<string, number>();
  private readonly snapshotEvery: number;
  private readonly snapshotBytesPerCommit: number;
  private readonly appliedOpsLimit: number;
  private readonly idleUnloadMs: number;
  private readonly maxStoredBytes: number;
  private readonly idleTimer: NodeJS.Timeout;

  constructor(private readonly deps: HubDeps) {
    this.snapshotEvery = deps.snapshotEvery ?? HUB_DEFAULTS.snapshotEvery;
    this.snapshotBytesPerCommit = deps.snapshotBytesPerCommit ?? HUB_DEFAULTS.snapshotBytesPerCommit;
    this.appliedOpsLimit = deps.appliedOpsLimit ?? HUB_DEFAULTS.appliedOpsLimit;
    this.idleUnloadMs = deps.idleUnloadMs ?? HUB_DEFAULTS.idleUnloadMs;
    this.maxStoredBytes = deps.maxStoredBytes ?? HUB_DEFAULTS.maxStoredBytes;
    this.writer = new CommitWriter({
      store: deps.store,
      onFailure: (failures) => this.breakSessions(failures),
    });
    // Checks a few times per idle period; unref'd, so it never keeps the process alive.
    this.idleTimer = setInterval(() => this.unloadIdle(), Math.min(60_000, Math.max(1000, this.idleUnloadMs / 3)));
    this.idleTimer.unref();
  }

  onCommit(publisher: Publisher): void {
    this.publisher = publisher;
  }

  /**
   * `facilitatorSecretFor` lets the caller derive the facilitator secret from the new id
   * (an owned session's links can then be given to its owner again); default random.
   */
  async create(
    content: SessionContent,
    settings: SessionSettings,
    steps?: readonly Step[],
    facilitatorSecretFor?: (sessionId: string) => string,
  ): Promise<CreatedSession> {
    const { store, now } = this.deps;
    const id = newId();
    const facilitatorSecret = facilitatorSecretFor ? facilitatorSecretFor(id) : newSecret();
    // Derived, so any device with the facilitator link can be given the screen link.
    const screenSecret = screenSecretFor(facilitatorSecret);
    // A code must be unique among live sessions: redraw on the (rare) collision.
    let code = newJoinCode();
    for (let i = 0; i < 20 && (await store.findSessionByCode(code)); i++) code = newJoinCode();
    const at = now();
    const record: SessionRecord = {
      id,
      code,
      createdAt: at,
      facilitatorSecretHash: hashSecret(facilitatorSecret),
      screenSecretHash: hashSecret(screenSecret),
      endedAt: null,
    };
    const created: DomainEvent = { type: 'session.created', id: record.id, code, at, content, settings, ...(steps ? { steps } : {}) };
    await store.createSession(record, { seq: 1, opId: null, at, events: [created] });
    this.deps.logger.info({ action: 'session.create', session: record.id }, 'session created');
    return { record, facilitatorSecret, screenSecret };
  }

  /** The live session, loading and replaying it from the store on first use; null if unknown. */
  get(sessionId: string): Promise<LiveSession | null> {
    let loading = this.live.get(sessionId);
    if (!loading) {
      loading = this.load(sessionId);
      this.live.set(sessionId, loading);
      // Do not cache "unknown": the session may be created later (or a load may have failed).
      loading.then(
        (s) => {
          if (!s) return void this.live.delete(sessionId);
          this.resolved.set(sessionId, s);
          this.byCode.set(s.record.code, sessionId);
        },
        () => this.live.delete(sessionId),
      );
    }
    return loading;
  }

  /**
   * The session as stored now, for reading only (downloads, programme figures): the live copy
   * when this node holds it, else loaded afresh and not kept, without claiming it. With one
   * server this is `get`.
   */
  async read(sessionId: string): Promise<LiveSession | null> {
    if (!this.deps.ownership) return this.get(sessionId);
    return this.resolved.get(sessionId) ?? this.fromStore(sessionId);
  }

  /**
   * Several servers: the proxy path of the node that holds the session (this one, if no node
   * did: it claims it, as a device's first connection would). A phone that looks its code up
   * first connects there at once, instead of being sent on after a join. Null on one server,
   * or when there is no such session.
   */
  async ownerPath(sessionId: string): Promise<string | null> {
    const { ownership } = this.deps;
    if (!ownership) return null;
    const claim = await ownership.claim(sessionId);
    if (claim === null) return null;
    return claim === 'mine' ? ownership.path : claim.movedTo;
  }

  private async load(sessionId: string): Promise<LiveSession | null> {
    const { ownership } = this.deps;
    if (ownership) {
      const claim = await ownership.claim(sessionId);
      if (claim === null) return null;
      if (claim !== 'mine') throw new MovedError(sessionId, claim.movedTo);
    }
    return this.fromStore(sessionId);
  }

  private async fromStore(sessionId: string): Promise<LiveSession | null> {
    const { store } = this.deps;
    const stored = await store.getSession(sessionId);
    if (!stored) return null;
    const record = this.deps.recordOverlay ? await this.deps.recordOverlay(stored) : stored;
    const latest = await store.loadLatest(sessionId);
    const { snapshot, commits } = latest;
    const state = restoreState(latest);
    if (!state) return null;
    // Oldest first, so the bound drops the oldest keys.
    const appliedOps = new Set((await store.recentOpIds(sessionId, this.appliedOpsLimit)).reverse());
    const storedBytes = await store.storedBytes(sessionId);
    return {
      record,
      state,
      seq: commits.at(-1)?.seq ?? snapshot?.seq ?? 0,
      appliedOps,
      snapshotSeq: snapshot?.seq ?? 0,
      snapshotBytes: snapshot?.state.length ?? 0,
      writes: 0,
      idleSince: this.deps.now(),
      lastWrite: Promise.resolve(),
      broken: false,
      index: GroupIndex.of(state),
      storedBytes,
      lastEdits: new Map(),
    };
  }

  /** Whether this session has used its stored-bytes quota. */
  isFull(session: LiveSession): boolean {
    return session.storedBytes >= this.maxStoredBytes;
  }

  /** Number of sessions held in memory (loaded or loading). */
  get loadedCount(): number {
    return this.live.size;
  }

  /** A socket of this session connected. */
  retain(sessionId: string): void {
    this.sockets.set(sessionId, (this.sockets.get(sessionId) ?? 0) + 1);
  }

  /** A socket of this session closed; the last one starts the idle clock. */
  release(sessionId: string): void {
    const n = (this.sockets.get(sessionId) ?? 0) - 1;
    if (n > 0) return void this.sockets.set(sessionId, n);
    this.sockets.delete(sessionId);
    const s = this.resolved.get(sessionId);
    if (s) s.idleSince = this.deps.now();
  }

  /**
   * Unloads every session that has had no socket for `idleUnloadMs` and no write in flight;
   * returns their ids. Runs on a timer; tests call it with an injected clock.
   */
  unloadIdle(): string[] {
    const now = this.deps.now();
    const unloaded: string[] = [];
    for (const [id, s] of this.resolved) {
      if (this.sockets.has(id) || s.writes > 0 || now - s.idleSince < this.idleUnloadMs) continue;
      this.evict(id);
      unloaded.push(id);
    }
    if (unloaded.length) this.deps.logger.info({ action: 'session.unload', sessions: unloaded.length }, 'idle sessions unloaded');
    return unloaded;
  }

  /** Stops the idle timer. */
  close(): void {
    clearInterval(this.idleTimer);
  }

  /**
   * Applies one command: decide on the current state, fold the events in, queue the
   * commit for the next group write, and resolve once it is on disk (then it is
   * published). `opId` makes it idempotent: an operation already applied is acknowledged
   * again, once everything before it is durable, without changing anything. `tokens` are
   * written in the same transaction as the commit (a join and its device token exist
   * together or not at all).
   *
   * Deciding and folding are synchronous, so commands of one session never interleave;
   * the state may run ahead of the disk by one batch, but nothing is published or
   * acknowledged before it is durable.
   */
  execute(
    session: LiveSession,
    actor: Actor,
    command: Command,
    opId: string | null,
    tokens: readonly ParticipantToken[] = [],
  ): Promise<ExecuteResult> {
    if (session.broken) return Promise.reject(new Error(`session ${session.record.id} is being reloaded`));
    // Authorise before the idempotency key: "already done" is only an answer for the sender
    // who did it, and only while they may still send this command at all.
    const refused = authorise(session.state, command, actor);
    if (refused) return Promise.resolve(refused);
    opId = opId && opKey(actor, opId);
    if (opId && session.appliedOps.has(opId)) return session.lastWrite.then(() => ({ ok: true, duplicate: true }) as const);
    if (WHEN_FULL[command.type] === 'refused' && this.isFull(session)) {
      // A joiner is told what a full room tells them ("Deze sessie is vol."); a writer also that nothing is lost.
      return Promise.resolve({ ok: false, code: 'full', key: command.type === 'participant:join' ? 'error.full' : 'error.sessionFull' } as const);
    }
    const now = this.deps.now();
    const decision = decide(session.state, command, { actor, now, newId, activeParticipants: session.index.activeCount, answersOfGroup: session.index.answersOf });
    if (!decision.ok) return Promise.resolve(decision);
    // Nothing changes, but the answer may rest on state that is still being written.
    if (decision.events.length === 0) return session.lastWrite.then(() => ({ ok: true, duplicate: false }) as const);

    const commit = { seq: session.seq + 1, opId, at: now, events: decision.events };
    session.seq = commit.seq;
    if (opId) this.remember(session, opId);
    const before = beforeInfo(session.state, decision.events);
    for (const e of decision.events) {
      evolve(session.state, e);
      session.index.apply(e, before);
    }
    session.idleSince = now;
    const supersedes = this.account(session, commit);
    const entry: AppendEntry = { sessionId: session.record.id, commit, tokens, ...this.snapshotAt(session), ...(supersedes ? { supersedes } : {}) };
    session.writes++;
    const write = this.writer.enqueue(entry, () => session.broken);
    session.lastWrite = write;
    write.then(
      () => session.writes--,
      () => session.writes--,
    ); // failures reach the callers below; this also marks it handled

    const settled = write.catch((err: unknown) => {
      // An operation older than appliedOps remembers, decided again: the store knew its key.
      // The session reloads from disk (breakSessions); the retry is what it says it is.
      if (opId && err instanceof DuplicateOpError && err.opId === opId) return 'duplicate' as const;
      throw err;
    });
    return settled.then((outcome) => {
      if (outcome === 'duplicate') return { ok: true, duplicate: true } as const;
      if (decision.events.some((e) => e.type === 'session.ended')) {
        // The commit already says the session ended; this only feeds listings and retention.
        this.deps.store.markEnded(session.record.id, now).catch((err: unknown) => {
          this.deps.logger.error({ err, action: 'session.markEnded', session: session.record.id }, 'markEnded failed');
        });
      }
      try {
        this.publisher(session, decision.events, before);
      } catch (err) {
        // The commit is durable; a failed broadcast is repaired by the clients' next snapshot.
        this.deps.logger.error({ err, action: 'publish', session: session.record.id }, 'publish failed');
      }
      return { ok: true, duplicate: false } as const;
    });
  }

  /**
   * Adds a commit to the session's stored bytes and returns the earlier commits it makes
   * redundant: an answer's previous edit, once it is edited again or deleted. Replaying what
   * is left gives the same state (the latest edit carries the whole text and revision), so a
   * participant saving every few seconds for an hour keeps one edit per answer, not thousands.
   */
  private account(session: LiveSession, commit: Commit): number[] | null {
    const bytes = JSON.stringify(commit.events).length;
    session.storedBytes += bytes;
    const only = commit.events.length === 1 ? commit.events[0]! : null;
    if (only?.type !== 'answer.edited' && only?.type !== 'answer.deleted') return null;
    const previous = session.lastEdits.get(only.answerId);
    if (only.type === 'answer.edited') session.lastEdits.set(only.answerId, { seq: commit.seq, bytes });
    else session.lastEdits.delete(only.answerId);
    if (!previous) return null;
    session.storedBytes -= previous.bytes;
    return [previous.seq];
  }

  /** Remembers an applied operation's key, forgetting the oldest beyond the limit. */
  private remember(session: LiveSession, key: string): void {
    session.appliedOps.add(key);
    if (session.appliedOps.size > this.appliedOpsLimit) {
      const oldest = session.appliedOps.values().next().value;
      if (oldest !== undefined) session.appliedOps.delete(oldest);
    }
  }

  /** The snapshot to write with this commit, when one is due: the state right now, at `session.seq`. */
  private snapshotAt(session: LiveSession): Pick<AppendEntry, 'snapshot'> {
    const since = session.seq - session.snapshotSeq;
    if (since < this.snapshotEvery || since * this.snapshotBytesPerCommit < session.snapshotBytes) return {};
    const state = JSON.stringify(session.state);
    session.snapshotSeq = session.seq;
    // The snapshot replaces the previous one in the store.
    session.storedBytes += state.length - session.snapshotBytes;
    session.snapshotBytes = state.length;
    return { snapshot: { seq: session.seq, state } };
  }

  /** Writes of these sessions were refused: their memory ran ahead of the disk. Reload them on next use. */
  private breakSessions(failures: ReadonlyMap<string, unknown>): void {
    for (const [id, err] of failures) {
      const duplicate = err instanceof DuplicateOpError;
      const fenced = err instanceof FencedError;
      // A duplicate is an old retry caught by the store's unique key, a fenced write one of a
      // session another node took over: expected, not errors.
      this.deps.logger[duplicate || fenced ? 'info' : 'error'](
        { err, action: 'store.appendBatch', session: id },
        fenced ? 'session taken over by another node; its devices go there' : duplicate ? 'old operation retried; session reloads' : 'write refused; session will reload',
      );
    }
    for (const [id, err] of failures) {
      const s = this.resolved.get(id);
      if (s) s.broken = true;
      this.evict(id);
      if (err instanceof FencedError) {
        // Another node owns it now: forget it here and send its devices there.
        this.deps.ownership?.lost(id);
        this.deps.onLost?.(id);
      }
    }
  }

  /** Resolves when every queued commit has been written. */
  drain(): Promise<void> {
    return this.writer.drain();
  }

  /** Forgets a session from memory (after deletion, when idle, or when a write of it was refused). */
  evict(sessionId: string): void {
    const s = this.resolved.get(sessionId);
    if (s && this.byCode.get(s.record.code) === sessionId) this.byCode.delete(s.record.code);
    this.live.delete(sessionId);
    this.resolved.delete(sessionId);
  }

  /**
   * The session record with this join code: the one held in memory if any, without a trip to
   * the store (a join storm asks thousands of times), else the store's.
   */
  async recordWithCode(code: string): Promise<SessionRecord | null> {
    const id = this.byCode.get(code);
    const held = id === undefined ? undefined : this.resolved.get(id);
    return held?.record ?? this.deps.store.findSessionByCode(code);
  }

  /** Live sessions currently in memory. */
  async loaded(): Promise<LiveSession[]> {
    const all = await Promise.all(this.live.values());
    return all.filter((s): s is LiveSession => s !== null);
  }
}

/**
 * The idempotency key as stored: a participant's keys are their own (prefixed with their id,
 * which no client opId can imitate: opIds have no "/"), so one phone can never claim, or be
 * told "already done" about, another's operation. The facilitator's keys are stored as sent.
 */
export function opKey(actor: Actor, opId: string): string {
  return actor.kind === 'participant' ? `${actor.participantId}/${opId}` : opId;
}

function beforeInfo(state: SessionState, events: readonly DomainEvent[]): BeforeInfo {
  const answerGroups = new Map<string, string>();
  const participantGroups = new Map<string, string | null>();
  for (const e of events) {
    if (e.type === 'answer.edited' || e.type === 'answer.deleted' || e.type === 'answer.hidden') {
      const a = state.answers[e.answerId];
      if (a) answerGroups.set(a.id, a.groupId);
    }
    if (e.type === 'participant.moved' || e.type === 'participant.removed') {
      participantGroups.set(e.participantId, state.participants[e.participantId]?.groupId ?? null);
    }
    if (e.type === 'groups.formed') {
      for (const p of Object.values(state.participants)) participantGroups.set(p.id, p.groupId);
    }
  }
  return { answerGroups, participantGroups };
}
