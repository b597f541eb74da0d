/**
 * The Socket.IO wire contract, typed as in the socket.io TypeScript docs. Client→server
 * events are commands named `entity:verb`, each acknowledged with `Ack<T>`.
 * Server→client events deliver state: a snapshot on (re)connect, then domain events
 * that the client folds in with the same `evolve` as the server.
 */
import type { DomainEvent } from '../domain/events.ts';
import type { SessionState } from '../domain/types.ts';
import type { AckFn } from './ack.ts';
import type {
  AgendaAddPayload,
  AgendaEditPayload,
  AgendaMovePayload,
  AgendaRemovePayload,
  AnswerAddPayload,
  AnswerDeletePayload,
  AnswerEditPayload,
  AnswerHidePayload,
  ContentUpdatePayload,
  GroupsFormPayload,
  JoinInput,
  ParticipantMovePayload,
  ParticipantAdmitPayload,
  ParticipantRemovePayload,
  RatingSetPayload,
  ScreenPagePayload,
  SettingsUpdatePayload,
  SpotlightSetPayload,
  StepSetPayload,
  TakeawaySyncPayload,
  TakeawayUpdatePayload,
  TimerExtendPayload,
  TimerStartPayload,
} from './schemas.ts';
import type { DraftsReportPayload, UnsentChange } from './unsent.ts';
import type { EmptyPayload, WorkPackagesRequestPayload, WorkPackagesStatus } from './workPackages.ts';

/** Presence of a participant, as the facilitator sees it. Not persisted: it is about sockets. */
export const PRESENCE = ['connected', 'reconnecting', 'away'] as const;
export type PresenceStatus = (typeof PRESENCE)[number];

export interface JoinResult {
  readonly sessionId: string;
  readonly participantId: string;
  /** Secret that lets this device come back as the same person. Keep it on the device. */
  readonly token: string;
  /** This phone's device credential, issued by the server: send it as `deviceId` with every later join. */
  readonly device: string;
}

export interface ParticipantSnapshot {
  readonly participantId: string;
  /** participantView(): shared content and pace, and only this participant's group. */
  readonly state: SessionState;
  readonly serverNow: number;
}

export type OperatorRole = 'facilitator' | 'screen';

export interface OperatorSnapshot {
  readonly role: OperatorRole;
  readonly state: SessionState;
  readonly presence: Readonly<Record<string, PresenceStatus>>;
  /** groupId → members with answers typed but not added on their phone (absent: none). */
  readonly unsent?: Readonly<Record<string, number>>;
  readonly serverNow: number;
  /** Facilitator devices only: the secret of the shared-screen link (never the facilitator's own). */
  readonly screenSecret?: string;
  /** Facilitator devices only: the session has used its stored-bytes quota (SESSION_MAX_MB). */
  readonly storageFull?: boolean;
}

export interface JoinBurstAlert {
  /** Joins to this session from one address in the last minute. */
  readonly count: number;
  /** Who they are, so the console can mark them. */
  readonly participantIds: readonly string[];
}

export interface PresenceChange {
  readonly participantId: string;
  readonly status: PresenceStatus;
}

type Op = { readonly opId: string };

/** Binary as it arrives: a Buffer (Node) or an ArrayBuffer (browser). Sent as Uint8Array; see toBytes() in bytes.ts. */
export type WireBytes = Uint8Array | ArrayBuffer;

export interface TakeawaySyncResult {
  /** Everything the server has that the sender's state vector lacks (Y.encodeStateAsUpdate(doc, sv)). */
  readonly update: WireBytes;
  /** The server's state vector, so the phone can send what the server lacks. */
  readonly stateVector: WireBytes;
}

export interface TakeawayRelay {
  readonly groupId: string;
  readonly update: WireBytes;
}



export interface ClientToServerEvents {
  'session:join': (payload: JoinInput, ack: AckFn<JoinResult>) => void;

  'answer:add': (payload: AnswerAddPayload, ack: AckFn<null>) => void;
  'answer:edit': (payload: AnswerEditPayload, ack: AckFn<null>) => void;
  'answer:delete': (payload: AnswerDeletePayload, ack: AckFn<null>) => void;
  'rating:set': (payload: RatingSetPayload, ack: AckFn<null>) => void;
  /** Yjs sync: the phone's state vector in, the update it misses and the server's state vector out. */
  'takeaway:sync': (payload: TakeawaySyncPayload, ack: AckFn<TakeawaySyncResult>) => void;
  /** A Yjs update of the group's takeaway; acknowledged once it is on disk. */
  'takeaway:update': (payload: TakeawayUpdatePayload, ack: AckFn<null>) => void;
  /** How many answers this phone holds typed but not added (see shared/protocol/unsent.ts). */
  'drafts:report': (payload: DraftsReportPayload, ack: AckFn<null>) => void;
  /** The closing: whether this participant asked for the work packages, and at which address (see workPackages.ts). */
  'workPackages:get': (payload: EmptyPayload, ack: AckFn<WorkPackagesStatus>) => void;
  'workPackages:request': (payload: WorkPackagesRequestPayload, ack: AckFn<WorkPackagesStatus>) => void;
  'workPackages:withdraw': (payload: EmptyPayload, ack: AckFn<WorkPackagesStatus>) => void;

  'content:update': (payload: ContentUpdatePayload, ack: AckFn<null>) => void;
  'settings:update': (payload: SettingsUpdatePayload, ack: AckFn<null>) => void;
  'groups:form': (payload: GroupsFormPayload, ack: AckFn<null>) => void;
  'participant:move': (payload: ParticipantMovePayload, ack: AckFn<null>) => void;
  'participant:remove': (payload: ParticipantRemovePayload, ack: AckFn<null>) => void;
  /** Let waiting joiners in ("deelnemers toelaten"). */
  'participant:admit': (payload: ParticipantAdmitPayload, ack: AckFn<null>) => void;
  'step:set': (payload: StepSetPayload, ack: AckFn<null>) => void;
  'agenda:add': (payload: AgendaAddPayload, ack: AckFn<null>) => void;
  'agenda:remove': (payload: AgendaRemovePayload, ack: AckFn<null>) => void;
  'agenda:move': (payload: AgendaMovePayload, ack: AckFn<null>) => void;
  'agenda:edit': (payload: AgendaEditPayload, ack: AckFn<null>) => void;
  'timer:start': (payload: TimerStartPayload, ack: AckFn<null>) => void;
  'timer:pause': (payload: Op, ack: AckFn<null>) => void;
  'timer:reset': (payload: Op, ack: AckFn<null>) => void;
  'timer:extend': (payload: TimerExtendPayload, ack: AckFn<null>) => void;
  'answer:hide': (payload: AnswerHidePayload, ack: AckFn<null>) => void;
  'spotlight:set': (payload: SpotlightSetPayload, ack: AckFn<null>) => void;
  'session:end': (payload: Op, ack: AckFn<null>) => void;
  /** "Vorige / volgende pagina" for the projector: relayed to the session's screens, nothing stored (so no opId). */
  'screen:page': (payload: ScreenPagePayload, ack: AckFn<null>) => void;
  /** How many participants asked for the work packages (their addresses: GET /api/sessions/<id>/work-packages.csv). */
  'workPackages:count': (payload: EmptyPayload, ack: AckFn<number>) => void;
}

export type ClientEventName = keyof ClientToServerEvents;

export interface ServerToClientEvents {
  'participant:snapshot': (snapshot: ParticipantSnapshot) => void;
  'participant:events': (events: readonly DomainEvent[]) => void;
  /** The facilitator removed this participant, or the session was deleted. The device forgets its token. */
  'participant:removed': () => void;
  'operator:snapshot': (snapshot: OperatorSnapshot) => void;
  'operator:events': (events: readonly DomainEvent[]) => void;
  'presence:changed': (changes: readonly PresenceChange[]) => void;
  'unsent:changed': (changes: readonly UnsentChange[]) => void;
  /** A stored Yjs update of a group's takeaway, relayed to that group's members (the sender included; applying twice is harmless). */
  'takeaway:update': (message: TakeawayRelay) => void;
  /** Screens only: the facilitator turned the page (as the arrow keys on the screen's own computer do). */
  'screen:page': (message: ScreenPagePayload) => void;
  /** Facilitators only: the number of work-package requests changed. */
  'workPackages:count': (count: number) => void;
  /** Facilitators only: the session is full (its quota of stored bytes); writes are refused from now on. */
  'session:full': () => void;
  /** Facilitators only: many joins from one address in the last minute (server/limits/joinBursts.ts); never the address itself. */
  'joins:burst': (burst: JoinBurstAlert) => void;
}

export interface InterServerEvents {
  ping: () => void;
}

/** Who a socket is, decided once at the handshake (or by a successful join). */
export type SocketAuth =
  | { readonly kind: 'guest' }
  | { readonly kind: 'participant'; readonly sessionId: string; readonly participantId: string }
  /** screenSecret: derived at the handshake, sent to this device in its snapshot (server side only). */
  | { readonly kind: 'facilitator'; readonly sessionId: string; readonly screenSecret?: string }
  | { readonly kind: 'screen'; readonly sessionId: string };

export interface SocketData {
  auth: SocketAuth;
}

/** What a client puts in `io({ auth })`. A socket.id is never an identity: these secrets are. Validated by handshakeAuthSchema. */
export type HandshakeAuth =
  | { readonly participantToken: string }
  | { readonly sessionId: string; readonly secret: string; readonly as: OperatorRole }
  | Record<string, never>;

/** Reasons a handshake is refused (`connect_error` message). */
export const HANDSHAKE_ERRORS = {
  unknownToken: 'auth:unknown',
  removed: 'auth:removed',
  badSecret: 'auth:secret',
  /** The server could not check the handshake just now: keep the token, retry. */
  unavailable: 'server:unavailable',
  /** Several servers: the session lives on another one; the message goes on with its Socket.IO path (see movedTo). */
  moved: 'server:moved ',
} as const;

/** Several servers: the Socket.IO path a `server:moved <path>` refusal points to, or null for any other message. */
export function movedTo(message: string): string | null {
  return message.startsWith(HANDSHAKE_ERRORS.moved) ? message.slice(HANDSHAKE_ERRORS.moved.length) : null;
}
