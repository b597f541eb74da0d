/**
 * Everything a participant's phone knows and does, as one reactive object: who this device
 * is in the session (resume by token), the connection, the session state (a snapshot
 * folded forward with the shared `evolve`), the outbox of writes and the drafts.
 * Components read its `$state` fields and call its methods; only this class talks to the socket.
 */
import { nanoid } from 'nanoid';
import { currentStep, type Step } from '../../../shared/domain/agenda.ts';
import type { DomainEvent } from '../../../shared/domain/events.ts';
import { answersFor } from '../../../shared/domain/views.ts';
import type { Group, Participant, SessionState, Takeaway } from '../../../shared/domain/types.ts';
import type { MessageKey } from '../../../shared/i18n/index.ts';
import type { Ack, AckError, ErrorCode } from '../../../shared/protocol/ack.ts';
import { HANDSHAKE_ERRORS, movedTo, type HandshakeAuth, type JoinResult, type ParticipantSnapshot } from '../../../shared/protocol/events.ts';
import { DraftStore } from '../lib/draftStore.svelte.ts';
import { flushDrafts } from '../lib/drafts.ts';
import { i18n, t } from '../lib/i18n.svelte.ts';
import { paths } from '../lib/router.ts';
import { NO_ANSWER, openSocket, request, type AppSocket } from '../lib/socket.ts';
import { isValidCode, normaliseJoinCode } from './code.ts';
import { draftKeys, saveDevice, storedDevice, forgetCredentials, loadCredentials, saveCredentials, type Credentials } from './credentials.ts';
import { checkJoinCode } from './joinCheck.ts';
import type { Outbox, OutboxEntry, OutboxOp } from './outbox.svelte.ts';
import type { AnswerView, ConnectionStatus, JoinOutcome, JoinValues, RatingScale, UnsentDraft } from './types.ts';

/**
 * checking: looking up the code · form: join form · ended: the code's session has ended (no form) ·
 * entering: connected or connecting, waiting for the snapshot · in: have state.
 */
export type Phase = 'checking' | 'form' | 'ended' | 'entering' | 'in';

export interface Notice {
  readonly key: MessageKey;
  readonly params?: Readonly<Record<string, string | number>>;
}

export type { AnswerView, ConnectionStatus, JoinField, JoinOutcome, JoinValues, RatingScale, RatingView, UnsentDraft } from './types.ts';

export interface SessionDeps {
  /** `path`: the Socket.IO path of the server that has the session (several servers), else this origin's default. */
  readonly openSocket: (auth: HandshakeAuth, path?: string) => AppSocket;
  readonly fetch: typeof fetch;
  readonly replaceUrl: (path: string) => void;
}

const defaultDeps: SessionDeps = {
  openSocket,
  fetch: (...args) => fetch(...args),
  replaceUrl: (path) => {
    if (location.pathname !== path) history.replaceState(history.state, '', path);
  },
};

const KEY_FOR_CODE: Record<ErrorCode, MessageKey> = {
  invalid: 'error.invalid',
  unauthorized: 'error.unauthorized',
  forbidden: 'error.forbidden',
  not_found: 'error.notFound',
  conflict: 'participant.error.conflict',
  locked: 'error.locked',
  full: 'error.full',
  ended: 'error.ended',
  rate_limited: 'error.rateLimited',
  internal: 'error.internal',
  moved: 'error.moved',
};

export function noticeForAck(ack: AckError): Notice {
  return { key: ack.key ?? KEY_FOR_CODE[ack.code] ?? 'error.internal', params: { detail: ack.error } };
}

/** How long the draft count must stay the same before the phone tells the server (typing changes it often). */
const UNSENT_REPORT_DEBOUNCE_MS = 1500;

const isOffline = (): boolean => typeof navigator !== 'undefined' && navigator.onLine === false;

type Evolve = (typeof import('../../../shared/domain/evolve.ts'))['evolve'];
/** `evolve` in a chunk of its own, fetched once per page: the phone's join download stays small. */
let evolveLoad: Promise<Evolve> | null = null;
const loadEvolve = (): Promise<Evolve> => (evolveLoad ??= import('../../../shared/domain/evolve.ts').then((m) => m.evolve));

/** The outbox's module, fetched once per page after joining (see #setupOutbox). */
let outboxLoad: Promise<typeof import('./outbox.svelte.ts')> | null = null;
const loadOutbox = () => (outboxLoad ??= import('./outbox.svelte.ts'));

/** A key for "this text as an answer to this question of this topic" (whitespace at the ends ignored). */
const ownAnswerKey = (topicId: string, questionId: string, text: string): string => `${topicId}\n${questionId}\n${text.trim()}`;

export class ParticipantSession {
  phase = $state<Phase>('checking');
  status = $state<ConnectionStatus>('connecting');
  /** participantView() of the session: shared content and pace, and only this person's group. */
  state = $state<SessionState | null>(null);
  participantId = $state<string | null>(null);
  sessionId = $state<string | null>(null);
  /** Normalised join code, once known. */
  code = $state<string | null>(null);
  /** Title of the session behind the code (from the code check), for the join form. */
  sessionTitle = $state<string | null>(null);
  /** Problem with the code itself (unknown, malformed): shown at the code field. */
  codeError = $state<Notice | null>(null);
  /** General message above the join form (removed, locked). */
  formNotice = $state<Notice | null>(null);
  /** The facilitator removed this person (this device forgot its token). */
  removed = $state(false);
  /** Last refusal of a write, shown until dismissed. */
  error = $state<Notice | null>(null);
  /** serverNow − Date.now() at the last snapshot: add to Date.now() to get server time. */
  clockOffset = $state(0);
  /** Counts snapshots on a connected socket: the server knows us again, so the takeaway editor (re)syncs. */
  syncEpoch = $state(0);
  outbox = $state.raw<Outbox | null>(null);
  readonly drafts = new DraftStore();

  #deps: SessionDeps;
  #socket: AppSocket | null = null;
  /** Several servers: where the code lookup said the session lives (its socket path). */
  #ownerPath: string | undefined = undefined;
  #everConnected = false;
  #destroyed = false;
  #reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  #globalCleanup: (() => void) | null = null;
  /** The draft count the page wants the server to know, and what the server holds (null: unknown, so say it). */
  #unsentWanted = 0;
  #unsentSent: { count: number; groupId: string | null } | null = null;
  /** A join of a new participant is under way: the server holds no count for them yet. */
  #justJoined = false;
  #unsentTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(deps: Partial<SessionDeps> = {}) {
    this.#deps = { ...defaultDeps, ...deps };
    // Folding events is not needed to join (the snapshot comes first): its code loads meanwhile.
    void loadEvolve().then((evolve) => {
      this.#evolve = evolve;
      this.#foldWaiting();
    });
  }

  #evolve: Evolve | null = null;
  /** Events that came before `evolve` was loaded, folded in order once it is. */
  #waitingEvents: DomainEvent[] = [];

  #fold(events: readonly DomainEvent[]): void {
    const s = this.state;
    if (!s) return;
    if (!this.#evolve) {
      this.#waitingEvents.push(...events);
      return;
    }
    for (const event of events) this.#evolve(s, event);
  }

  #foldWaiting(): void {
    const waiting = this.#waitingEvents;
    this.#waitingEvents = [];
    if (waiting.length) this.#fold(waiting);
  }

  /* ---------- derived ---------- */

  get pendingCount(): number {
    return this.outbox?.entries.length ?? 0;
  }

  get me(): Participant | null {
    const s = this.state;
    const id = this.participantId;
    return s && id ? (s.participants[id] ?? null) : null;
  }

  get group(): Group | null {
    const gid = this.me?.groupId;
    return gid && this.state ? (this.state.groups.find((g) => g.id === gid) ?? null) : null;
  }

  get step(): Step | null {
    return this.state ? currentStep(this.state) : null;
  }

  get takeaway(): Takeaway | null {
    const g = this.group;
    return g && this.state ? (this.state.takeaways[g.id] ?? null) : null;
  }

  /** The current socket, for the takeaway editor's Yjs sync (its own chunk, so it talks to the socket itself). */
  get socket(): AppSocket | null {
    return this.#socket;
  }

  /** Answers typed but not added, for every characteristic and question of the session (in agenda order). */
  get unsentDrafts(): UnsentDraft[] {
    const s = this.state;
    if (!s) return [];
    const out: UnsentDraft[] = [];
    const mine = this.#ownAnswerTexts();
    s.content.topics.forEach((topic, topicIndex) => {
      for (const question of s.content.questions) {
        const text = this.drafts.get(this.draftKey.answer(topic.id, question.id));
        if (text.trim() === '' || mine.has(ownAnswerKey(topic.id, question.id, text))) continue;
        out.push({ topicId: topic.id, topicIndex, topicTitle: topic.title, questionId: question.id, questionText: question.text, text });
      }
    });
    return out;
  }

  /**
   * My answers as stored or waiting in the outbox, by topic, question and text. A draft with
   * the same text as one of them is not unsent: it was added (a reload or a lost
   * acknowledgement can leave the box's copy behind). Offering it again would add it twice.
   */
  #ownAnswerTexts(): Set<string> {
    const out = new Set<string>();
    const s = this.state;
    if (!s || !this.participantId) return out;
    for (const a of Object.values(s.answers)) if (a.authorId === this.participantId) out.add(ownAnswerKey(a.topicId, a.questionId, a.text));
    for (const e of this.outbox?.entries ?? []) if (e.event === 'answer:add') out.add(ownAnswerKey(e.payload.topicId, e.payload.questionId, e.payload.text));
    return out;
  }

  nameOf(participantId: string): string {
    return this.state?.participants[participantId]?.name ?? t('participant.answer.formerMember');
  }

  answersView(topicId: string, questionId: string): AnswerView[] {
    const s = this.state;
    const g = this.group;
    if (!s || !g) return [];
    const edits = new Map<string, string>();
    const deletes = new Set<string>();
    const adds: Array<Extract<OutboxOp, { event: 'answer:add' }>['payload']> = [];
    for (const e of this.outbox?.entries ?? []) {
      if (e.event === 'answer:edit') edits.set(e.payload.answerId, e.payload.text);
      else if (e.event === 'answer:delete') deletes.add(e.payload.answerId);
      else if (e.event === 'answer:add' && e.payload.topicId === topicId && e.payload.questionId === questionId) adds.push(e.payload);
    }
    const list: AnswerView[] = answersFor(s, g.id, topicId, questionId)
      .filter((a) => !deletes.has(a.id))
      .map((a) => ({
        id: a.id,
        authorName: this.nameOf(a.authorId),
        text: edits.get(a.id) ?? a.text,
        own: a.authorId === this.participantId,
        pending: edits.has(a.id),
        hidden: a.hidden,
      }));
    for (const a of adds) {
      if (s.answers[a.answerId] || deletes.has(a.answerId)) continue;
      list.push({
        id: a.answerId,
        authorName: this.me?.name ?? '',
        text: edits.get(a.answerId) ?? a.text,
        own: true,
        pending: true,
        hidden: false,
      });
    }
    return list;
  }

  draftKey = {
    answer: (topicId: string, questionId: string): string => draftKeys.answer(this.sessionId ?? '-', topicId, questionId),
    edit: (answerId: string): string => draftKeys.edit(this.sessionId ?? '-', answerId),
    /** The group's takeaway document (Yjs state, base64) kept on the device, so offline edits survive a reload. */
    takeaway: (groupId: string): string => draftKeys.takeaway(`${this.sessionId ?? '-'}:${groupId}`),
  };

  /* ---------- lifecycle ---------- */

  /** Opens /j/CODE (or / with `null`): resume when this device already joined, otherwise check the code and show the form. */
  async start(rawCode: string | null): Promise<void> {
    this.#listenGlobal();
    if (!rawCode) {
      this.phase = 'form';
      return;
    }
    const code = normaliseJoinCode(rawCode);
    this.code = code;
    if (!isValidCode(code)) {
      this.codeError = { key: 'join.error.codeFormat' };
      this.phase = 'form';
      return;
    }
    const credentials = loadCredentials(code);
    if (credentials) {
      this.#resume(code, credentials);
      return;
    }
    await this.#checkCode(code);
  }

  async join(values: JoinValues): Promise<JoinOutcome> {
    const code = normaliseJoinCode(values.code);
    if (!isValidCode(code)) return { ok: false, field: 'code', message: t('join.error.codeFormat') };
    const known = loadCredentials(code);
    if (known) {
      // This device is already in that session: carry on as that person.
      this.#resume(code, known);
      this.#deps.replaceUrl(paths.join(code));
      return { ok: true };
    }
    const device = storedDevice();
    const payload = { code, name: values.name, role: values.role, organisation: values.organisation, ...(device ? { deviceId: device } : {}) };
    let socket: AppSocket;
    let ack: Ack<JoinResult> | typeof NO_ANSWER;
    // Several servers: the first one may answer that the session lives on another; join there.
    this.#justJoined = true;
    // The code lookup may have named it already: then the first socket goes straight there.
    for (let path: string | undefined = this.#ownerPath, tries = 1; ; tries++) {
      this.#closeSocket();
      socket = this.#deps.openSocket({}, path);
      this.#socket = socket;
      this.#attach(socket);
      ack = await request(socket, 'session:join', payload);
      path = ack !== NO_ANSWER && !ack.ok && ack.code === 'moved' ? ack.movedTo : undefined;
      if (!path || tries === 3) break;
    }
    if (this.#destroyed) return { ok: false, message: '' };
    if (ack === NO_ANSWER || !ack.ok) this.#justJoined = false;
    if (ack === NO_ANSWER) {
      this.#closeSocket();
      return { ok: false, message: t('join.error.noConnection') };
    }
    if (!ack.ok) {
      this.#closeSocket();
      const notice = noticeForAck(ack);
      const codeProblem = ack.code === 'not_found' || ack.key === 'error.codeNotFound' || ack.key === 'error.sessionNotFound';
      return codeProblem
        ? { ok: false, field: 'code', message: t('error.codeNotFound') }
        : { ok: false, message: t(notice.key, notice.params) };
    }
    saveDevice(ack.data.device);
    const credentials: Credentials = { token: ack.data.token, participantId: ack.data.participantId, sessionId: ack.data.sessionId };
    saveCredentials(code, credentials);
    // Reconnects of this same socket now resume as this person.
    socket.auth = { participantToken: credentials.token };
    this.code = code;
    this.participantId = credentials.participantId;
    this.sessionId = credentials.sessionId;
    this.removed = false;
    this.formNotice = null;
    this.codeError = null;
    this.#setupOutbox(credentials);
    // The snapshot may already be here (the server sends it right after upgrading the socket).
    if (this.phase !== 'in') this.phase = 'entering';
    this.#deps.replaceUrl(paths.join(code));
    return { ok: true };
  }

  destroy(): void {
    this.#destroyed = true;
    if (this.#unsentTimer) clearTimeout(this.#unsentTimer);
    flushDrafts();
    this.outbox?.dispose();
    this.#closeSocket();
    this.#globalCleanup?.();
    this.#globalCleanup = null;
  }

  dismissError(): void {
    this.error = null;
  }

  /* ---------- writes (all through the outbox) ---------- */

  addAnswer(topicId: string, questionId: string, text: string): boolean {
    if (!this.outbox || text.trim() === '') return false;
    this.outbox.enqueue({ event: 'answer:add', payload: { answerId: nanoid(), topicId, questionId, text } });
    this.drafts.clear(this.draftKey.answer(topicId, questionId));
    return true;
  }

  /** Adds an unsent draft as it stands (a new answer id, sent through the outbox like any answer). */
  addDraft(topicId: string, questionId: string): boolean {
    const key = this.draftKey.answer(topicId, questionId);
    const text = this.drafts.get(key);
    // Already one of my answers (see #ownAnswerTexts): the draft is only a leftover copy.
    if (this.#ownAnswerTexts().has(ownAnswerKey(topicId, questionId, text))) {
      this.drafts.clear(key);
      return true;
    }
    return this.addAnswer(topicId, questionId, text);
  }

  discardDraft(topicId: string, questionId: string): void {
    this.drafts.clear(this.draftKey.answer(topicId, questionId));
  }

  /**
   * Tells the server how many unsent drafts this phone holds, so the facilitator sees who
   * still has text. Debounced; sent only when the count or the group changed, and again
   * after every reconnect (the server forgets it on a restart).
   */
  reportUnsent(count: number): void {
    this.#unsentWanted = count;
    this.#scheduleUnsentReport();
  }

  #scheduleUnsentReport(): void {
    if (this.#unsentTimer) clearTimeout(this.#unsentTimer);
    this.#unsentTimer = setTimeout(() => {
      this.#unsentTimer = null;
      void this.#sendUnsentReport();
    }, UNSENT_REPORT_DEBOUNCE_MS);
  }

  async #sendUnsentReport(): Promise<void> {
    const socket = this.#socket;
    const count = this.#unsentWanted;
    const groupId = this.group?.id ?? null;
    if (!socket?.connected || !this.state || this.#destroyed) return; // the next snapshot schedules it again
    const sent = this.#unsentSent;
    // A count of 0 marks no group, so then the group does not matter.
    if (sent && sent.count === count && (count === 0 || sent.groupId === groupId)) return;
    // What the server holds once this arrives; a later change compares against it, also
    // while this is on its way (else a change back during the wait would never be sent).
    this.#unsentSent = { count, groupId };
    const ack = await request(socket, 'drafts:report', { count });
    if (ack === NO_ANSWER || !ack.ok) {
      // Not known what the server holds now: say it again.
      this.#unsentSent = null;
      this.#scheduleUnsentReport();
    }
  }

  editAnswer(answerId: string, text: string): boolean {
    if (!this.outbox || text.trim() === '') return false;
    const rev = this.outbox.nextRev(answerId, this.state?.answers[answerId]?.rev);
    this.outbox.enqueue({ event: 'answer:edit', payload: { answerId, text, rev } });
    this.drafts.clear(this.draftKey.edit(answerId));
    return true;
  }

  deleteAnswer(answerId: string): boolean {
    if (!this.outbox) return false;
    this.outbox.enqueue({ event: 'answer:delete', payload: { opId: nanoid(), answerId } });
    this.drafts.clear(this.draftKey.edit(answerId));
    return true;
  }

  setRating(topicId: string, scale: RatingScale, value: number): boolean {
    if (!this.outbox) return false;
    const payload = scale === 'now' ? { opId: nanoid(), topicId, now: value } : { opId: nanoid(), topicId, want: value };
    this.outbox.enqueue({ event: 'rating:set', payload });
    return true;
  }

  /* ---------- internals ---------- */

  async #checkCode(code: string): Promise<void> {
    this.phase = 'checking';
    const result = await checkJoinCode(code, this.#deps.fetch);
    if (this.#destroyed) return;
    if (result.kind === 'notFound') {
      this.codeError = { key: 'error.codeNotFound' };
    } else if (result.kind === 'rateLimited') {
      this.formNotice = { key: 'error.tooManyCodes' };
    } else if (result.kind === 'ok') {
      this.codeError = null;
      this.sessionTitle = result.title;
      this.#ownerPath = result.socketPath ?? undefined;
      // The session's language, unless this phone chose one itself: loaded before the form shows.
      await i18n.followSession(result.language);
      if (this.#destroyed) return;
      // An ended session's link: say so, instead of a form that can only be refused.
      if (result.ended) {
        this.phase = 'ended';
        return;
      }
      if (!this.formNotice && result.locked) this.formNotice = { key: 'error.locked' };
    }
    this.phase = 'form';
  }

  #resume(code: string, credentials: Credentials): void {
    this.#closeSocket();
    this.code = code;
    this.participantId = credentials.participantId;
    this.sessionId = credentials.sessionId;
    this.removed = false;
    this.formNotice = null;
    this.codeError = null;
    this.#setupOutbox(credentials);
    this.phase = 'entering';
    this.status = isOffline() ? 'offline' : 'connecting';
    const socket = this.#deps.openSocket({ participantToken: credentials.token });
    this.#socket = socket;
    this.#attach(socket);
  }

  #outboxFor = 0;

  /**
   * The outbox is fetched after joining, in a chunk of its own, while the snapshot and the
   * dialogue's views load too: the join download stays small (a phone writes nothing before
   * the dialogue shows).
   */
  #setupOutbox(credentials: Credentials): void {
    this.outbox?.dispose();
    this.outbox = null;
    const mine = ++this.#outboxFor;
    void loadOutbox().then(({ Outbox }) => {
      if (this.#destroyed || mine !== this.#outboxFor) return;
      const outbox = new Outbox({
        storageKey: `samenspraak:outbox:${credentials.sessionId}:${credentials.participantId}`,
        newId: () => nanoid(),
        send: (op) => this.#send(op),
        onRefused: (entry, ack) => this.#onRefused(entry, ack),
      });
      this.outbox = outbox;
      outbox.setReady(this.state !== null && this.#socket?.connected === true);
    });
  }

  #send(op: OutboxOp): Promise<Ack<unknown> | typeof NO_ANSWER> {
    const socket = this.#socket;
    if (!socket || !socket.connected) return Promise.resolve(NO_ANSWER);
    switch (op.event) {
      case 'answer:add':
        return request(socket, 'answer:add', op.payload);
      case 'answer:edit':
        return request(socket, 'answer:edit', op.payload);
      case 'answer:delete':
        return request(socket, 'answer:delete', op.payload);
      case 'rating:set':
        return request(socket, 'rating:set', op.payload);
    }
  }

  #onRefused(entry: OutboxEntry, ack: AckError): void {
    let restored = false;
    if (entry.event === 'answer:add') {
      // Never lose the text: put it back in the box it came from.
      const key = this.draftKey.answer(entry.payload.topicId, entry.payload.questionId);
      const existing = this.drafts.get(key);
      this.drafts.set(key, existing.trim() ? `${existing}\n\n${entry.payload.text}` : entry.payload.text);
      restored = true;
    }
    const notice = noticeForAck(ack);
    this.error = restored ? { key: notice.key, params: { ...notice.params, restored: 1 } } : notice;
  }

  #onSnapshot(snapshot: ParticipantSnapshot): void {
    if (this.participantId && snapshot.participantId !== this.participantId) return;
    // The snapshot already holds whatever was waiting to be folded.
    this.#waitingEvents = [];
    this.state = snapshot.state;
    this.clockOffset = snapshot.serverNow - Date.now();
    this.phase = 'in';
    this.status = 'connected';
    if (this.#socket?.connected) this.syncEpoch++;
    // Now the server knows who we are and we know the current state: send what waits.
    this.outbox?.setReady(this.#socket?.connected === true);
    // What the server holds is not known now: it may have restarted (it keeps the counts in
    // memory only), or the count changed while this phone was offline. Say it again, even 0;
    // only a participant who just joined is known to start at zero there.
    this.#unsentSent = this.#justJoined ? { count: 0, groupId: null } : null;
    this.#justJoined = false;
    this.#scheduleUnsentReport();
  }

  #attach(socket: AppSocket): void {
    socket.on('connect', () => {
      this.#everConnected = true;
      this.status = 'connected';
    });
    socket.on('disconnect', (reason) => {
      this.outbox?.setReady(false);
      if (this.#socket !== socket) return;
      this.status = isOffline() ? 'offline' : 'reconnecting';
      // The server closed us on purpose (restart, or a socket taken over): socket.io will not retry by itself.
      if (reason === 'io server disconnect' && !this.removed) this.#reconnectLater(socket);
    });
    socket.on('connect_error', (err) => {
      if (this.#socket !== socket) return;
      if (err.message === HANDSHAKE_ERRORS.removed) {
        this.#lostIdentity('removed');
        return;
      }
      if (err.message === HANDSHAKE_ERRORS.unknownToken) {
        this.#lostIdentity('unknown');
        return;
      }
      this.status = isOffline() ? 'offline' : this.#everConnected ? 'reconnecting' : 'connecting';
      // A refused handshake for another reason stops socket.io's own retries: try again later
      // (not "moved": the socket goes on to the session's server by itself, lib/socket.ts).
      if (!socket.active && !movedTo(err.message)) this.#reconnectLater(socket);
    });
    socket.on('participant:snapshot', (snapshot) => this.#onSnapshot(snapshot));
    socket.on('participant:events', (events) => this.#fold(events));
    socket.on('participant:removed', () => this.#lostIdentity('removed'));
  }

  #reconnectLater(socket: AppSocket): void {
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      if (!this.#destroyed && this.#socket === socket && !socket.connected) socket.connect();
    }, 2000 + Math.random() * 3000);
  }

  /** The token no longer works: forget it, keep what was typed as drafts, and show the join form. */
  #lostIdentity(kind: 'removed' | 'unknown'): void {
    const code = this.code;
    if (code) forgetCredentials(code);
    this.#salvageOutbox();
    this.#closeSocket();
    this.state = null;
    this.participantId = null;
    this.removed = kind === 'removed';
    this.formNotice = kind === 'removed' ? { key: 'error.removed' } : null;
    this.status = 'connecting';
    this.#everConnected = false;
    if (kind === 'unknown' && code) void this.#checkCode(code);
    else this.phase = 'form';
  }

  #salvageOutbox(): void {
    const outbox = this.outbox;
    if (!outbox) return;
    for (const entry of outbox.drain()) {
      if (entry.event === 'answer:add') {
        const key = this.draftKey.answer(entry.payload.topicId, entry.payload.questionId);
        const existing = this.drafts.get(key);
        this.drafts.set(key, existing.trim() ? `${existing}\n\n${entry.payload.text}` : entry.payload.text);
      }
    }
    flushDrafts();
    outbox.dispose();
    this.outbox = null;
  }

  #closeSocket(): void {
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = null;
    const socket = this.#socket;
    this.#socket = null;
    this.outbox?.setReady(false);
    if (socket) {
      socket.removeAllListeners();
      socket.disconnect();
    }
  }

  #listenGlobal(): void {
    if (this.#globalCleanup || typeof window === 'undefined') return;
    const wake = () => {
      const socket = this.#socket;
      if (socket && !socket.connected && !this.#destroyed) socket.connect();
    };
    const online = () => {
      if (this.status === 'offline') this.status = 'reconnecting';
      wake();
    };
    const offline = () => {
      if (this.#socket && !this.#socket.connected) this.status = 'offline';
    };
    const visible = () => {
      if (document.visibilityState === 'visible') wake();
    };
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    document.addEventListener('visibilitychange', visible);
    this.#globalCleanup = () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      document.removeEventListener('visibilitychange', visible);
    };
  }
}
