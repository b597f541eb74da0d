/**
 * The live session as the facilitator panel and the shared screen hold it: the full
 * SessionState from 'operator:snapshot', kept current by folding 'operator:events' with
 * the shared `evolve`, plus presence, connection status and the server clock.
 * Facilitator commands go out through `request()` with a fresh opId each and come back
 * as an Ack, so the UI can show why something was refused.
 */
import type { StepInput } from '../../../shared/protocol/schemas.ts';
import { nanoid } from 'nanoid';
import { flushSync } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import type { LateJoinerPolicy } from '../../../shared/constants.ts';
import type { DomainEvent } from '../../../shared/domain/events.ts';
import { evolve } from '../../../shared/domain/evolve.ts';
import type { Answer, SessionContent, SessionSettings, SessionState } from '../../../shared/domain/types.ts';
import type { Ack, AckError } from '../../../shared/protocol/ack.ts';
import {
  HANDSHAKE_ERRORS,
  movedTo,
  type JoinBurstAlert,
  type ClientToServerEvents,
  type OperatorRole,
  type OperatorSnapshot,
  type PresenceChange,
  type PresenceStatus,
} from '../../../shared/protocol/events.ts';
import { NO_ANSWER, openSocket, request, type AppSocket } from '../lib/socket.ts';
import { AnswerIndex, bucketKey } from './answerIndex.ts';

export type ConnectionStatus =
  /** First connection, no state yet. */
  | 'connecting'
  | 'connected'
  /** Lost the connection; socket.io keeps trying. The last known state stays on screen. */
  | 'reconnecting'
  /** The server refused this link's secret. */
  | 'badSecret'
  /** The server refused the connection for another reason and will not be retried automatically. */
  | 'refused'
  /** We closed it (page left). */
  | 'closed';

type FacilitatorCommand = Exclude<
  keyof ClientToServerEvents,
  'session:join' | 'answer:add' | 'answer:edit' | 'answer:delete' | 'rating:set' | 'takeaway:sync' | 'takeaway:update' | 'drafts:report'
>;
type PayloadOf<E extends FacilitatorCommand> = Parameters<ClientToServerEvents[E]>[0];

export type CommandAck = Ack<null>;

/** The Ack the UI gets when the server did not answer at all (twice). */
export const NO_ANSWER_ACK: AckError = {
  ok: false,
  code: 'internal',
  error: 'no answer',
  key: 'facilitator.error.noAnswer',
};

const TICK_MS = 250;
/** See applyEvents: how often incoming events are folded into the state at most. */
const FOLD_EVERY_MS = 100;
/** A page spends at most about 1/FOLD_BUSY_SHARE of its time folding (see applyEvents). */
const FOLD_BUSY_SHARE = 4;
/** However slow the device, events wait at most this long. */
const FOLD_MAX_MS = 800;
/**
 * At most this many events per fold (see #fold). A fold's redraw at 400 groups costs about
 * 0.3 ms per event on the bench machine: 400 events made tasks of ~130 ms, 150 stay under 90.
 */
const FOLD_SLICE = 150;

/** A record type Svelte's $state leaves as it is: it proxies only plain objects and arrays. */
class Unproxied {}

/**
 * The session's answers, kept out of the state's deep proxy. At 2,000 people the proxy made a
 * proxy and a signal per answer and per field read (thousands of answers, each edit a write
 * through it) for views that never read them from the state: every view of answers follows the
 * answer index instead (answersOf, answerCount, topicVersion), which `#fold` bumps per group
 * and topic. Reading `state.answers` in a view therefore does not re-run it when answers change.
 */
function unproxied<T>(record: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(Unproxied.prototype) as Record<string, T>, record);
}

export interface OperatorSessionOptions {
  readonly sessionId: string;
  readonly secret: string;
  readonly as: OperatorRole;
  /** For tests: a socket to use instead of opening one. */
  readonly socket?: AppSocket;
  /** How often events are folded in at most (see applyEvents); 0 folds each message at once. */
  readonly foldEveryMs?: number;
}

export class OperatorSession {
  readonly sessionId: string;
  readonly role: OperatorRole;

  state = $state<SessionState | null>(null);
  presence = $state<Record<string, PresenceStatus>>({});
  /** groupId → members with answers typed but not added on their phone. */
  unsent = $state<Record<string, number>>({});
  status = $state<ConnectionStatus>('connecting');
  /** Server clock minus this device's clock, from the last snapshot. */
  clockOffsetMs = $state(0);
  /** Facilitator devices: the secret of the shared-screen link, sent by the server with each snapshot. */
  screenSecret = $state<string | null>(null);
  /** Facilitators: how many participants asked for the work packages (null until the server said). */
  workPackageRequests = $state<number | null>(null);
  /** Facilitator devices: the session has used its stored-bytes quota; phones can add nothing more. */
  storageFull = $state(false);
  /** Facilitator devices: the latest "many joins from one address" alert, until dismissed. */
  joinBurst = $state<JoinBurstAlert | null>(null);
  /** The server's time now, ticking a few times per second (for timers). */
  now = $state(Date.now());

  /** The answers by group and topic, followed event by event (see answerIndex.ts). */
  readonly answerIndex = new AnswerIndex();
  /** Bumped per changed bucket, so a view re-runs only when its own group's answers change. */
  readonly #bucketVersions = new SvelteMap<string, number>();
  /** Bumped per topic with a changed bucket, so a view of a whole topic depends on one signal. */
  readonly #topicVersions = new SvelteMap<string, number>();
  /** Bumped when the whole index was rebuilt (snapshot, or an event it cannot follow). */
  #indexVersion = $state(0);
  /** The same versions as plain numbers, read by answersVersionNow without subscribing. */
  readonly #versionsNow = new Map<string, number>();
  #indexVersionNow = 0;

  readonly #socket: AppSocket;
  readonly #foldEveryMs: number;
  #tick: ReturnType<typeof setInterval> | null = null;
  readonly #listeners = new Set<(events: readonly DomainEvent[], state: SessionState) => void>();

  constructor(options: OperatorSessionOptions) {
    this.sessionId = options.sessionId;
    this.role = options.as;
    this.#foldEveryMs = options.foldEveryMs ?? FOLD_EVERY_MS;
    this.#foldWaitMs = this.#foldEveryMs;
    this.#socket = options.socket ?? openSocket({ sessionId: options.sessionId, secret: options.secret, as: options.as });
    this.#wire();
    this.#tick = setInterval(() => {
      this.now = Date.now() + this.clockOffsetMs;
    }, TICK_MS);
  }

  #wire(): void {
    const s = this.#socket;
    s.on('connect', () => {
      this.status = 'connected';
    });
    s.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') {
        this.status = 'closed';
        return;
      }
      this.status = 'reconnecting';
      // The server hung up on purpose (restart, session deleted): socket.io does not retry
      // by itself then. Connect again; the handshake says whether this link still works.
      if (reason === 'io server disconnect') s.connect();
    });
    s.on('connect_error', (err: Error) => {
      // Several servers: the socket goes on to the session's server by itself (lib/socket.ts).
      if (movedTo(err.message)) {
        this.status = this.state ? 'reconnecting' : 'connecting';
        return;
      }
      if (err.message === HANDSHAKE_ERRORS.badSecret) {
        s.disconnect();
        this.status = 'badSecret';
        return;
      }
      // The server could not check the link just now (e.g. its database was busy): try again soon.
      if (err.message === HANDSHAKE_ERRORS.unavailable) {
        this.status = this.state ? 'reconnecting' : 'connecting';
        setTimeout(() => !s.connected && s.connect(), 2000 + Math.random() * 3000);
        return;
      }
      // `active` is false when the server's middleware refused us: socket.io will not retry.
      if (!s.active) this.status = 'refused';
      else this.status = this.state ? 'reconnecting' : 'connecting';
    });
    s.on('operator:snapshot', (snap) => {
      this.applySnapshot(snap);
      // Kept apart from the session's state: asked for after every (re)connect, then pushed.
      if (this.role === 'facilitator') {
        void request(s, 'workPackages:count', {}).then((ack) => {
          if (typeof ack === 'object' && ack.ok) this.workPackageRequests = ack.data;
        });
      }
    });
    s.on('workPackages:count', (count) => {
      this.workPackageRequests = count;
    });
    s.on('operator:events', (events) => this.applyEvents(events));
    s.on('presence:changed', (changes) => this.applyPresence(changes));
    s.on('session:full', () => {
      this.storageFull = true;
    });
    s.on('joins:burst', (burst) => {
      this.joinBurst = burst;
    });
    s.on('unsent:changed', (changes) => {
      for (const c of changes) this.unsent[c.groupId] = c.members;
    });
  }

  applySnapshot(snap: OperatorSnapshot): void {
    // The snapshot already holds everything sent before it.
    this.#pending = [];
    this.clockOffsetMs = snap.serverNow - Date.now();
    this.now = snap.serverNow;
    if (snap.screenSecret) this.screenSecret = snap.screenSecret;
    this.storageFull = snap.storageFull === true;
    snap.state.answers = unproxied(snap.state.answers);
    this.answerIndex.rebuild(snap.state);
    this.state = snap.state;
    this.#rebuilt();
    this.presence = { ...snap.presence };
    this.unsent = { ...snap.unsent };
    this.status = 'connected';
  }

  /**
   * Events are folded in at most once per FOLD_EVERY_MS: the first message after a quiet
   * spell at once (a facilitator's own action shows without delay), later ones together.
   * Every fold re-runs the views that depend on what changed; at 2,000 participants the
   * server sends a message per write batch, hundreds a second, and folding each on its own
   * kept the projector's and the console's main thread busy for seconds.
   *
   * The wait adapts to what a fold costs on this device: after each fold (the views' DOM
   * updates included, flushed at once) the next one waits FOLD_BUSY_SHARE times as long as it
   * took, at least FOLD_EVERY_MS and at most FOLD_MAX_MS. A projector laptop at 2,000 people,
   * or one sharing its cores, folds less often instead of falling behind; at 12 people
   * nothing changes.
   */
  #pending: DomainEvent[] = [];
  #foldWaitMs = FOLD_EVERY_MS;
  #foldTimer: ReturnType<typeof setTimeout> | null = null;
  #lastFold = 0;

  applyEvents(events: readonly DomainEvent[]): void {
    if (!this.state) return; // a snapshot always follows a (re)connect, and it includes these
    this.#pending.push(...events);
    if (this.#foldTimer !== null) return;
    const wait = this.#lastFold + (this.#foldEveryMs > 0 ? this.#foldWaitMs : 0) - Date.now();
    if (wait <= 0) this.#fold();
    else this.#foldTimer = setTimeout(() => this.#fold(), wait);
  }

  #fold(): void {
    if (this.#foldTimer !== null) clearTimeout(this.#foldTimer);
    this.#foldTimer = null;
    this.#lastFold = Date.now();
    // A burst (every phone adding an answer at once) arrives as thousands of events: folded
    // a slice per task, the rest right after, so no single task redraws hundreds of cards.
    const events = this.#pending.splice(0, this.#foldEveryMs > 0 ? FOLD_SLICE : Infinity);
    if (this.#pending.length > 0) this.#foldTimer = setTimeout(() => this.#fold(), 0);
    const state = this.state;
    if (!state || events.length === 0) return;
    for (const e of events) evolve(state, e);
    const changed = this.answerIndex.apply(state, events);
    if (changed === 'all') this.#rebuilt();
    else if (changed.size > 0) {
      const topics = new Set<string>();
      for (const key of changed) {
        const version = (this.#versionsNow.get(key) ?? 0) + 1;
        this.#versionsNow.set(key, version);
        this.#bucketVersions.set(key, version);
        const topic = this.answerIndex.topicOf(key);
        if (topic !== undefined) topics.add(topic);
      }
      for (const topic of topics) this.#topicVersions.set(topic, (this.#topicVersions.get(topic) ?? 0) + 1);
    }
    for (const fn of this.#listeners) fn(events, state);
    if (this.#foldEveryMs > 0) {
      flushSync(); // the views' updates belong to this fold's cost
      const cost = Date.now() - this.#lastFold;
      this.#foldWaitMs = Math.min(FOLD_MAX_MS, Math.max(this.#foldEveryMs, cost * FOLD_BUSY_SHARE));
    }
  }

  applyPresence(changes: readonly PresenceChange[]): void {
    for (const c of changes) this.presence[c.participantId] = c.status;
  }

  /** A group's answers to one topic, oldest first; reactive per group and topic. */
  answersOf(groupId: string, topicId: string): Answer[] {
    this.#track(groupId, topicId);
    const all = this.state?.answers;
    if (!all) return [];
    const out: Answer[] = [];
    for (const id of this.answerIndex.ids(groupId, topicId)) {
      const a = all[id];
      if (a) out.push(a);
    }
    return out;
  }

  /** How many answers a group gave to one question of one topic; reactive per group and topic. */
  answerCount(groupId: string, topicId: string, questionId: string): number {
    this.#track(groupId, topicId);
    return this.answerIndex.count(groupId, topicId, questionId);
  }

  /**
   * After a rebuild every view re-runs once. Each bucket gets its own version entry now:
   * reading a key a SvelteMap does not hold subscribes to every new key.
   */
  #rebuilt(): void {
    for (const key of this.answerIndex.keys()) {
      if (!this.#bucketVersions.has(key)) this.#bucketVersions.set(key, 0);
      const topic = this.answerIndex.topicOf(key);
      if (topic !== undefined && !this.#topicVersions.has(topic)) this.#topicVersions.set(topic, 0);
    }
    this.#indexVersion++;
    this.#indexVersionNow++;
  }

  /**
   * Changes whenever a group's answers to one topic change (and only then), and does not
   * subscribe: a view of many groups depends on topicVersion and finds out here which groups
   * changed, keeping what it built for the others (a reactive read per group and fold was a
   * noticeable share of the projector's work at 400 groups).
   */
  answersVersionNow(groupId: string, topicId: string): string {
    return `${this.#indexVersionNow}:${this.#versionsNow.get(bucketKey(groupId, topicId)) ?? 0}`;
  }

  /**
   * Changes whenever any group's answers to one topic change; reactive on that alone. A view of
   * every group (the projector's wall) depends on this one signal instead of one per group.
   */
  topicVersion(topicId: string): string {
    return `${this.#indexVersion}:${this.#topicVersions.get(topicId) ?? 0}`;
  }

  #track(groupId: string, topicId: string): void {
    void this.#indexVersion;
    void this.#bucketVersions.get(bucketKey(groupId, topicId));
  }

  presenceOf(participantId: string): PresenceStatus {
    return this.presence[participantId] ?? 'away';
  }

  /** Called after each batch of domain events has been folded in. Returns an unsubscribe function. */
  onEvents(fn: (events: readonly DomainEvent[], state: SessionState) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** Tries again after the server refused the connection. */
  retry(): void {
    this.status = 'connecting';
    this.#socket.connect();
  }

  destroy(): void {
    if (this.#tick !== null) clearInterval(this.#tick);
    if (this.#foldTimer !== null) clearTimeout(this.#foldTimer);
    this.#foldTimer = null;
    this.#tick = null;
    this.#listeners.clear();
    this.#socket.removeAllListeners();
    this.#socket.disconnect();
    this.status = 'closed';
  }

  /* ---------- facilitator commands ---------- */

  async #send<E extends FacilitatorCommand>(event: E, payload: Omit<PayloadOf<E>, 'opId'>): Promise<CommandAck> {
    const full = { ...payload, opId: nanoid() } as PayloadOf<E>;
    let ack = await request(this.#socket, event, full);
    // No answer: retry once with the same opId; the server applies an operation only once.
    if (ack === NO_ANSWER && this.#socket.connected) ack = await request(this.#socket, event, full);
    if (ack === NO_ANSWER) return NO_ANSWER_ACK;
    return ack as CommandAck;
  }

  updateContent(content: SessionContent): Promise<CommandAck> {
    return this.#send('content:update', { content });
  }

  updateSettings(settings: Partial<SessionSettings>): Promise<CommandAck> {
    return this.#send('settings:update', { settings });
  }

  setLocked(locked: boolean): Promise<CommandAck> {
    return this.updateSettings({ locked });
  }

  setLateJoiners(lateJoiners: LateJoinerPolicy): Promise<CommandAck> {
    return this.updateSettings({ lateJoiners });
  }

  formGroups(targetSize?: number): Promise<CommandAck> {
    return this.#send('groups:form', targetSize === undefined ? {} : { targetSize });
  }

  moveParticipant(participantId: string, groupId: string | null): Promise<CommandAck> {
    return this.#send('participant:move', { participantId, groupId });
  }

  /** Lets waiting joiners in ("deelnemers toelaten"): these, or everyone who waits. */
  admitParticipants(participantIds: readonly string[] | 'all'): Promise<CommandAck> {
    return this.#send('participant:admit', { participantIds: participantIds === 'all' ? 'all' : [...participantIds] });
  }

  /** `block`: the phone they used may not join this session again. */
  removeParticipant(participantId: string, block = false): Promise<CommandAck> {
    return this.#send('participant:remove', block ? { participantId, block } : { participantId });
  }

  setStep(stepIndex: number): Promise<CommandAck> {
    return this.#send('step:set', { stepIndex });
  }

  /* The agenda (programme) as data: see shared/domain/agenda.ts for the rules. */
  addStep(index: number, step: StepInput): Promise<CommandAck> {
    return this.#send('agenda:add', { index, step });
  }

  removeStep(stepId: string): Promise<CommandAck> {
    return this.#send('agenda:remove', { stepId });
  }

  moveStep(stepId: string, to: number): Promise<CommandAck> {
    return this.#send('agenda:move', { stepId, to });
  }

  editStep(stepId: string, patch: { title?: string; body?: string; notes?: string; minutes?: number }): Promise<CommandAck> {
    return this.#send('agenda:edit', { stepId, ...patch });
  }

  startTimer(seconds?: number): Promise<CommandAck> {
    return this.#send('timer:start', seconds === undefined ? {} : { seconds });
  }

  pauseTimer(): Promise<CommandAck> {
    return this.#send('timer:pause', {});
  }

  resetTimer(): Promise<CommandAck> {
    return this.#send('timer:reset', {});
  }

  extendTimer(seconds: number): Promise<CommandAck> {
    return this.#send('timer:extend', { seconds });
  }

  hideAnswer(answerId: string, hidden: boolean): Promise<CommandAck> {
    return this.#send('answer:hide', { answerId, hidden });
  }

  setSpotlight(groupId: string | null): Promise<CommandAck> {
    return this.#send('spotlight:set', { groupId });
  }

  endSession(): Promise<CommandAck> {
    return this.#send('session:end', {});
  }
}
