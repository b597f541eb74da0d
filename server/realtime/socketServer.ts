/**
 * The Socket.IO transport, kept thin: identify the socket at the handshake, then for
 * every message authorise → validate → hand to the hub (decide → persist → publish) → ack.
 * The hub resolves only once the change is on disk, so an ok ack always means stored.
 */
import type { Command } from '../../shared/domain/commands.ts';
import { addMessages, t } from '../../shared/i18n/index.ts';
import { nlOperator } from '../../shared/i18n/nl/operator.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import type { Ack, AckError, ErrorCode, RefusalStage } from '../../shared/protocol/ack.ts';
import { HANDSHAKE_ERRORS, type OperatorRole, type SocketAuth } from '../../shared/protocol/events.ts';
import { handshakeAuthSchema, joinSchema, screenPageSchema, takeawaySyncSchema } from '../../shared/protocol/schemas.ts';
import { operatorView } from '../../shared/domain/views.ts';
import { answerSync } from '../takeaway/docs.ts';
import type { Actor } from '../../shared/domain/types.ts';
import { screenView } from '../../shared/domain/views.ts'; // presenter notes stay with facilitators
import type { Logger } from '../logger.ts';
import { hashSecret, newId, newSecret, secretMatches } from '../secrets.ts';
import { opensScreen, screenLinkFor } from './screenLink.ts';
import type { PresenceTracker } from '../sessions/presence.ts';
import type { UnsentDrafts } from '../sessions/unsentDrafts.ts';
import { draftsReportSchema } from '../../shared/protocol/unsent.ts';
import { MovedError, type LiveSession, type SessionHub } from '../sessions/sessionHub.ts';
import { socketPath } from '../cluster/paths.ts';
import type { SessionStore } from '../store/types.ts';
import { COMMANDS, type CommandEventName, type CommandSpec } from './commandTable.ts';
import { WHO_MAY } from '../../shared/domain/permissions.ts';
import type { ParticipantSockets } from './participantSockets.ts';
import { workPackageQueries } from './workPackages.ts';
import { RATE_LIMITS, TokenBucket, type JoinCodeGuard } from './rateLimit.ts';
import { sendParticipantSnapshot } from './publish.ts';
import { SampledLog } from './sampledLog.ts';
import { guardPolling } from './pollingGuard.ts';
import { TOO_MANY_SOCKETS, type AddressLimits } from '../limits/addressLimits.ts';
import { clientAddressOf } from '../limits/clientAddress.ts';
import { JoinBursts } from '../limits/joinBursts.ts';
import type { DeviceCredentials } from './deviceCredentials.ts';
import { rooms, sliceOf } from './rooms.ts';
import type { AppServer, AppSocket } from './types.ts';
import type { ZodError, ZodType } from 'zod';

export interface RealtimeDeps {
  readonly hub: SessionHub;
  readonly store: SessionStore;
  readonly presence: PresenceTracker;
  /** Per group, members with answers typed but not added on their phone. */
  readonly unsent: UnsentDrafts;
  readonly logger: Logger;
  readonly now: () => number;
  /** Failed join-code lookups per client address (shared with the HTTP lookup). */
  readonly joinCodes: JoinCodeGuard;
  /** A facilitator's command was applied: for the session's action log (who did it, server/accounts). */
  readonly onFacilitatorCommand?: (socket: AppSocket, sessionId: string, command: string) => void;
  /** Sockets and joins per client address. */
  readonly addressLimits: AddressLimits;
  /** Issues and recognises the phones' device credentials. */
  readonly devices: DeviceCredentials;
  /** Each participant's sockets and shared allowance (the publisher reaches people through it too). */
  readonly participantSockets: ParticipantSockets<AppSocket>;
}

/** A refusal ack, stamped with the stage that refused (none for internal errors). */
// Refusals only facilitators get have their Dutch text in the operator part of the dictionary.
addMessages('nl', nlOperator);

function refusal(stage: RefusalStage | null, code: ErrorCode, key: MessageKey, params?: Record<string, string>): AckError {
  return { ok: false, code, key, error: t('nl', key, params), ...(stage ? { stage } : {}) };
}

function describeZodError(err: ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Calls the ack if the client gave one; a client that gave none simply gets no answer. */
function reply<T>(ack: unknown, value: Ack<T>): void {
  if (typeof ack === 'function') (ack as (a: Ack<T>) => void)(value);
}

/** Stages whose refusals a flood produces by the thousand: logged sampled, a few lines a second each. */
const NOISY_STAGES: ReadonlySet<RefusalStage> = new Set(['rate', 'event', 'auth', 'schema']);

export function attachRealtime(io: AppServer, deps: RealtimeDeps): { close(): void } {
  const { hub, store, presence, unsent, logger, now, joinCodes, participantSockets } = deps;
  const refusedLog = new SampledLog(logger, now);
  const flushTimer = setInterval(() => refusedLog.flush(), 5000);
  flushTimer.unref();
  // A polling POST of more packets than any allowance is refused before it is decoded.
  io.engine.on('connection', (raw: Parameters<typeof guardPolling>[0]) => guardPolling(raw, () => refusedLog.note('refused.packets')));

  /** Answers a message; a refusal of a noisy stage leaves a sampled log line (ids only). */
  function answer<T>(socket: AppSocket, event: unknown, ack: unknown, value: Ack<T>): void {
    if (!value.ok && value.stage && NOISY_STAGES.has(value.stage)) {
      refusedLog.note(`refused.${value.stage}`, { event: typeof event === 'string' ? event.slice(0, 40) : typeof event, session: sessionOf(socket) });
    }
    reply(ack, value);
  }

  /** The client's address (X-Forwarded-For's last entry behind TRUST_PROXY, read when the connection opened). */
  const clientAddress = clientAddressOf;

  const REFUSALS: ReadonlySet<string> = new Set(Object.values(HANDSHAKE_ERRORS));

  io.use(async (socket, next) => {
    try {
      socket.data.auth = await authenticate(socket.handshake.auth);
      const kind = socket.data.auth.kind;
      if (kind === 'guest' || kind === 'participant') {
        const address = clientAddress(socket);
        if (!(await deps.addressLimits.openSocket(address))) {
          refusedLog.note('refused.socketsPerAddress');
          return next(new Error(TOO_MANY_SOCKETS));
        }
        socket.data.countedAddress = address;
      }
      next();
    } catch (err) {
      // Several servers: the session lives on another; the client reconnects there.
      if (err instanceof MovedError) return next(new Error(`${HANDSHAKE_ERRORS.moved}${socketPath(err.path)}`));
      // A refusal tells the device to forget its token; anything else is our problem, and the
      // device must keep its token and try again.
      if (err instanceof Error && REFUSALS.has(err.message)) return next(err);
      logger.error({ err, action: 'handshake' }, 'handshake failed');
      next(new Error(HANDSHAKE_ERRORS.unavailable));
    }
  });

  async function authenticate(raw: unknown): Promise<SocketAuth> {
    const parsed = handshakeAuthSchema.safeParse(raw ?? {});
    if (!parsed.success) throw new Error(HANDSHAKE_ERRORS.unknownToken);
    const auth = parsed.data;
    if ('participantToken' in auth) {
      const token = await store.findParticipantToken(hashSecret(auth.participantToken));
      const session = token && (await hub.get(token.sessionId));
      const participant = session && token ? session.state.participants[token.participantId] : undefined;
      if (!token || !participant) throw new Error(HANDSHAKE_ERRORS.unknownToken);
      if (participant.removed) throw new Error(HANDSHAKE_ERRORS.removed);
      return { kind: 'participant', sessionId: token.sessionId, participantId: token.participantId };
    }
    if ('secret' in auth) {
      const session = await hub.get(auth.sessionId);
      // The screen opens with a screen secret only: the facilitator secret never belongs in a projector's URL.
      const ok =
        !!session &&
        (auth.as === 'facilitator' ? secretMatches(auth.secret, session.record.facilitatorSecretHash) : opensScreen(session, auth.secret));
      if (!ok) throw new Error(HANDSHAKE_ERRORS.badSecret);
      if (auth.as === 'facilitator') {
        // Each facilitator device is sent the screen link; the facilitator secret itself is not kept.
        return { kind: 'facilitator', sessionId: auth.sessionId, screenSecret: await screenLinkFor(store, session, auth.secret) };
      }
      return { kind: 'screen', sessionId: auth.sessionId };
    }
    return { kind: 'guest' };
  }

  io.on('connection', (socket) => {
    void onConnection(socket).catch((err: unknown) => {
      logger.error({ err, action: 'connection' }, 'connection setup failed');
      socket.disconnect(true);
    });
  });

  async function onConnection(socket: AppSocket): Promise<void> {
    registerHandlers(socket);
    const auth = socket.data.auth;
    if (auth.kind === 'participant') {
      const session = await hub.get(auth.sessionId);
      if (session) enterAsParticipant(socket, session, auth.participantId);
    } else if (auth.kind === 'facilitator' || auth.kind === 'screen') {
      const session = await hub.get(auth.sessionId);
      if (session) enterAsOperator(socket, session, auth.kind, auth.kind === 'facilitator' ? auth.screenSecret : undefined);
    }
  }

  function enterAsParticipant(socket: AppSocket, session: LiveSession, participantId: string): void {
    // Gone while the session loaded or the join was written: its 'disconnect' has already run,
    // so nothing entered now would ever be let go (presence, the hub's hold on the session).
    if (!socket.connected) return;
    const sid = session.record.id;
    const p = session.state.participants[participantId];
    const joined = [rooms.participants(sid), rooms.participantSlice(sid, sliceOf(participantId))];
    if (p?.groupId) joined.push(rooms.group(sid, p.groupId));
    void socket.join(joined);
    // From now on this socket takes from the person's allowance (a guest's own bucket goes).
    socket.data.bucket = participantSockets.enter(participantId, socket);
    sendParticipantSnapshot([socket], session, participantId, now());
    presence.connected(sid, participantId);
    retain(socket, sid);
  }

  function enterAsOperator(socket: AppSocket, session: LiveSession, role: OperatorRole, screenSecret?: string): void {
    if (!socket.connected) return; // as in enterAsParticipant
    const sid = session.record.id;
    void socket.join(role === 'screen' ? [rooms.operators(sid), rooms.screens(sid)] : rooms.operators(sid));
    // A connected panel or screen keeps the session in memory (see SessionHub.unloadIdle).
    retain(socket, sid);
    socket.emit('operator:snapshot', {
      role,
      // Presenter notes reach facilitators only.
      state: role === 'screen' ? screenView(operatorView(session.state)) : operatorView(session.state),
      presence: presence.snapshot(sid),
      unsent: unsent.snapshot(sid),
      serverNow: now(),
      ...(screenSecret ? { screenSecret } : {}),
      ...(role === 'facilitator' && hub.isFull(session) ? { storageFull: true } : {}),
    });
  }

  /** Keeps the session in memory while the socket is connected (released in onDisconnect). A socket enters once. */
  function retain(socket: AppSocket, sessionId: string): void {
    socket.data.retains = sessionId;
    hub.retain(sessionId);
  }

  /** Everything a socket held, let go in one listener (see ServerSocketData). Socket.IO calls it with the socket as `this`. */
  function onDisconnect(this: AppSocket): void {
    const data = this.data;
    if (data.countedAddress !== undefined) deps.addressLimits.closeSocket(data.countedAddress);
    const auth = data.auth;
    if (auth.kind === 'participant') {
      participantSockets.leave(auth.participantId, this);
      if (data.retains !== undefined) presence.disconnected(auth.sessionId, auth.participantId);
    }
    if (data.retains !== undefined) hub.release(data.retains);
  }

  const joinBursts = new JoinBursts();

  /** Sessions whose facilitators were told they are full (a reloaded session is a new object: told again). */
  const toldFull = new WeakSet<LiveSession>();
  /** A write was refused because the session is full: its facilitators see it at once, once. */
  function onRefusedWrite(session: LiveSession, key: MessageKey): void {
    // A join to a full session is told error.full, like a join past the facilitator's cap: ask the hub which it was.
    if ((key !== 'error.sessionFull' && key !== 'error.full') || !hub.isFull(session) || toldFull.has(session)) return;
    toldFull.add(session);
    logger.warn({ action: 'session.full', session: session.record.id }, 'session reached its stored-bytes quota');
    io.to(rooms.operators(session.record.id)).except(rooms.screens(session.record.id)).emit('session:full');
  }

  /**
   * Every incoming event passes here first: one token per event. Over the limit the event
   * is answered with `rate_limited` and not handled; a socket that keeps flooding is cut off.
   * The dispatcher calls this itself: Socket.IO runs onAny listeners before `socket.use`
   * middleware, so a middleware could only answer "rate limited", not stop the handling.
   * A guest or operator socket has its own bucket; a participant's is the person's, set when
   * the socket enters the session (enterAsParticipant).
   */
  function withinRate(socket: AppSocket, event: unknown, ack: unknown): boolean {
    const data = socket.data;
    const auth = data.auth;
    data.bucket ??=
      auth.kind === 'participant'
        ? participantSockets.enter(auth.participantId, socket)
        : new TokenBucket(auth.kind === 'guest' ? RATE_LIMITS.guest : RATE_LIMITS.operator, now());
    if (data.bucket.take(now())) {
      data.refusals = 0;
      return true;
    }
    answer(socket, event, ack, refusal('rate', 'rate_limited', 'error.rateLimited'));
    data.refusals = (data.refusals ?? 0) + 1;
    if (data.refusals >= RATE_LIMITS.refusalsBeforeDisconnect) {
      refusedLog.note('rate_limit.disconnect', { session: sessionOf(socket) });
      socket.disconnect(true);
    }
    return false;
  }

  /**
   * One dispatcher per socket instead of a listener per event: thousands of connections
   * each holding twenty closures add up. Events are looked up in COMMANDS as own
   * properties only, so names like "toString" or "__proto__" are just unknown events.
   */
  function registerHandlers(socket: AppSocket): void {
    socket.on('disconnect', onDisconnect);
    socket.onAny((event: unknown, ...args: unknown[]) => {
      // One long-polling POST can carry thousands of packets; Socket.IO hands over the rest
      // of them after a flooding socket was cut off. They get nothing: no work, no log line.
      if (!socket.connected) return;
      const ack = typeof args.at(-1) === 'function' ? args.pop() : undefined;
      if (!withinRate(socket, event, ack)) return;
      if (event === 'session:join') {
        join(socket, args[0], ack).catch((err: unknown) => {
          logger.error({ err, action: 'session:join' }, 'join failed');
          reply(ack, refusal(null, 'internal', 'error.internal'));
        });
        return;
      }
      // Messages that store nothing (no command, no commit): answered beside the hub.
      const query = typeof event === 'string' && Object.hasOwn(QUERIES, event) ? QUERIES[event as keyof typeof QUERIES] : null;
      if (query) {
        query(socket, args[0])
          .then((result) => answer(socket, event, ack, result))
          .catch((err: unknown) => {
            logger.error({ err, action: event, session: sessionOf(socket) }, 'query failed');
            reply(ack, refusal(null, 'internal', 'error.internal'));
          });
        return;
      }
      if (typeof event !== 'string' || !Object.hasOwn(COMMANDS, event)) {
        answer(socket, event, ack, refusal('event', 'invalid', 'error.unknownEvent'));
        return;
      }
      const name = event as CommandEventName;
      runCommand(socket, name, COMMANDS[name], args[0])
        .then((result) => answer(socket, name, ack, result))
        .catch((err: unknown) => {
          logger.error({ err, action: name, session: sessionOf(socket) }, 'command failed');
          reply(ack, refusal(null, 'internal', 'error.internal'));
        });
    });
  }

  async function join(socket: AppSocket, payload: unknown, ack: unknown): Promise<void> {
    if (socket.data.auth.kind !== 'guest') return reply(ack, refusal('auth', 'forbidden', 'error.forbidden'));
    const parsed = joinSchema.safeParse(payload);
    if (!parsed.success) return reply(ack, refusal('schema', 'invalid', 'error.invalid', { detail: describeZodError(parsed.error) }));
    const { code, deviceId, ...profile } = parsed.data;
    const address = clientAddress(socket);
    if (!(await joinCodes.mayLookUp(address, now()))) return reply(ack, refusal('rate', 'rate_limited', 'error.tooManyCodes'));
    const record = await hub.recordWithCode(code);
    let session: LiveSession | null;
    try {
      session = record && (await hub.get(record.id));
    } catch (err) {
      if (!(err instanceof MovedError)) throw err;
      // Several servers: join where the session lives (the client reconnects and sends this again).
      return reply(ack, { ...refusal('rules', 'moved', 'error.moved'), movedTo: socketPath(err.path) });
    }
    if (!session) {
      if (await joinCodes.wrongCode(address, now())) return reply(ack, refusal('rate', 'rate_limited', 'error.tooManyCodes'));
      return reply(ack, refusal('rules', 'not_found', 'error.codeNotFound'));
    }

    // Counted per attempt at a real session: a room behind one address gets a burst, a bot farm a trickle.
    if (!(await deps.addressLimits.mayJoin(address, now()))) return reply(ack, refusal('rate', 'rate_limited', 'error.tooManyJoins'));
    const participantId = newId();
    const token = newSecret();
    // The device is the credential this server issued, never a value the client made up.
    const device = deps.devices.confirmOrIssue(deviceId);
    const result = await hub.execute(
      session,
      { kind: 'guest' },
      { type: 'participant:join', participantId, deviceHash: hashSecret(device), ...profile },
      null,
      [{ tokenHash: hashSecret(token), sessionId: session.record.id, participantId }],
    );
    if (!result.ok) {
      onRefusedWrite(session, result.key);
      return reply(ack, refusal('rules', result.code, result.key));
    }
    socket.data.auth = { kind: 'participant', sessionId: session.record.id, participantId };
    logger.info({ action: 'session:join', session: session.record.id }, 'participant joined');
    const burst = joinBursts.note(session.record.id, address, participantId, now());
    if (burst) {
      logger.warn({ action: 'joins.burst', session: session.record.id, count: burst.count }, 'many joins from one address');
      io.to(rooms.operators(session.record.id)).except(rooms.screens(session.record.id)).emit('joins:burst', burst);
    }
    enterAsParticipant(socket, session, participantId);
    reply(ack, { ok: true, data: { sessionId: session.record.id, participantId, token, device } });
  }

  /** Senders of messages after joining; a guest's only message, the join, is handled above. */
  type Sender = 'participant' | 'facilitator';
  type Admitted<T, K extends Sender> =
    | { readonly ok: true; readonly auth: Extract<SocketAuth, { kind: K }>; readonly session: LiveSession; readonly data: T }
    | { readonly ok: false; readonly refusal: AckError };

  /**
   * What every message checks first, in this order: who sends it (a participant never
   * reaches facilitator logic, not even its validation), then its shape, then the session.
   */
  async function admit<T, K extends Sender>(socket: AppSocket, sender: K, schema: ZodType<T>, payload: unknown): Promise<Admitted<T, K>> {
    const auth = socket.data.auth;
    const refused = (r: AckError): Admitted<T, K> => ({ ok: false, refusal: r });
    if (auth.kind === 'guest' || auth.kind === 'screen') return refused(refusal('auth', 'unauthorized', 'error.unauthorized'));
    if (auth.kind !== sender) return refused(refusal('auth', 'forbidden', 'error.forbidden'));
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return refused(refusal('schema', 'invalid', 'error.invalid', { detail: describeZodError(parsed.error) }));
    const session = await hub.get(auth.sessionId);
    if (!session) return refused(refusal('rules', 'not_found', 'error.sessionNotFound'));
    return { ok: true, auth: auth as Extract<SocketAuth, { kind: K }>, session, data: parsed.data };
  }

  async function runCommand(socket: AppSocket, name: CommandEventName, spec: CommandSpec, payload: unknown): Promise<Ack<unknown>> {
    // Every event name in COMMANDS is its command's type (the join, a guest's, is not among them).
    const admitted = await admit(socket, WHO_MAY[name], spec.schema, payload);
    if (!admitted.ok) return admitted.refusal;
    const { auth, session, data } = admitted;
    const actor: Actor = auth.kind === 'participant' ? { kind: 'participant', participantId: auth.participantId } : { kind: 'facilitator' };
    let command = { type: name, ...(data as object) } as Command;
    if (spec.prepare && auth.kind === 'participant') {
      // No await between preparing and executing: both see the same state.
      const prepared = spec.prepare(session.state, auth.participantId, data as never);
      // Yjs could not apply it, or it breaks a limit: the payload's content is the problem, judged like the rules.
      if ('ok' in prepared) return refusal('rules', prepared.code, prepared.key);
      command = prepared;
    }
    const groupsSeed = name === 'groups:form' ? { seed: newSecret() } : {};
    const result = await hub.execute(session, actor, { ...command, ...groupsSeed } as Command, spec.opId(data as never));
    if (!result.ok) {
      onRefusedWrite(session, result.key);
      return refusal('rules', result.code, result.key);
    }
    if (auth.kind === 'facilitator' && !result.duplicate) deps.onFacilitatorCommand?.(socket, auth.sessionId, name);
    if (name === 'participant:remove') unsent.forget(auth.sessionId, (data as { participantId: string }).participantId);
    const participantId = auth.kind === 'participant' ? auth.participantId : null;
    return { ok: true, data: spec.result ? spec.result(session.state, participantId) : null };
  }

  /** Not a command (nothing is stored): a phone says how many answers it holds unsent. Same checks, in the same order. */
  async function reportDrafts(socket: AppSocket, payload: unknown): Promise<Ack<null>> {
    const a = await admit(socket, 'participant', draftsReportSchema, payload);
    if (!a.ok) return a.refusal;
    const me = a.session.state.participants[a.auth.participantId];
    if (!me || me.removed) return refusal('rules', 'forbidden', 'error.forbidden');
    unsent.report(a.auth.sessionId, a.auth.participantId, me.groupId, a.data.count);
    return { ok: true, data: null };
  }

  /** Yjs sync step 1 (read only): authorised like a command, answered from the group's document. */
  async function takeawaySync(socket: AppSocket, payload: unknown): Promise<Ack<unknown>> {
    const a = await admit(socket, 'participant', takeawaySyncSchema, payload);
    if (!a.ok) return a.refusal;
    const answer = answerSync(a.session.state, a.auth.participantId, a.data);
    if (!answer.ok) return refusal('rules', answer.code, answer.key);
    return { ok: true, data: { update: answer.update, stateVector: answer.stateVector } };
  }

  /**
   * The console turns the projector's page. Nothing to store: it is where the screen's own
   * page clock is, not the session's state. Relayed to the session's screens only (phones and
   * other consoles show no pages of the screen).
   */
  async function turnScreenPage(socket: AppSocket, payload: unknown): Promise<Ack<null>> {
    const a = await admit(socket, 'facilitator', screenPageSchema, payload);
    if (!a.ok) return a.refusal;
    io.to(rooms.screens(a.session.record.id)).emit('screen:page', a.data);
    return { ok: true, data: null };
  }

  const QUERIES = {
    'drafts:report': reportDrafts,
    'takeaway:sync': takeawaySync,
    'screen:page': turnScreenPage,
    ...workPackageQueries({ io, store, now, admit, forbidden: () => refusal('rules', 'forbidden', 'error.forbidden') }),
  } as const;

  function sessionOf(socket: AppSocket): string | undefined {
    const a = socket.data.auth;
    return a.kind === 'guest' ? undefined : a.sessionId;
  }

  return {
    close() {
      clearInterval(flushTimer);
      refusedLog.flush(true);
    },
  };
}
