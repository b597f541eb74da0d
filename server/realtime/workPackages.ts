/**
 * The work-package requests over the socket (see shared/protocol/workPackages.ts): a
 * participant asks, looks or withdraws; a facilitator reads the count. Stored apart from the
 * dialogue (no command, no commit): answered beside the hub, after the same checks as every
 * message (who sends it, its shape, the session) through `admit`.
 */
import type { ZodType } from 'zod';
import type { Ack, AckError } from '../../shared/protocol/ack.ts';
import type { SocketAuth } from '../../shared/protocol/events.ts';
import {
  emptyPayloadSchema,
  WORK_PACKAGES_CONSENT_VERSION,
  workPackagesRequestSchema,
  type WorkPackagesStatus,
} from '../../shared/protocol/workPackages.ts';
import type { LiveSession } from '../sessions/sessionHub.ts';
import type { SessionStore } from '../store/types.ts';
import { rooms } from './rooms.ts';
import type { AppServer, AppSocket } from './types.ts';

type Admitted<T, K extends 'participant' | 'facilitator'> =
  | { readonly ok: true; readonly auth: Extract<SocketAuth, { kind: K }>; readonly session: LiveSession; readonly data: T }
  | { readonly ok: false; readonly refusal: AckError };

export interface WorkPackageDeps {
  readonly io: AppServer;
  readonly store: SessionStore;
  readonly now: () => number;
  readonly admit: <T, K extends 'participant' | 'facilitator'>(socket: AppSocket, sender: K, schema: ZodType<T>, payload: unknown) => Promise<Admitted<T, K>>;
  /** A refusal by the rules (a removed participant). */
  readonly forbidden: () => AckError;
}

export function workPackageQueries(deps: WorkPackageDeps) {
  const { io, store } = deps;

  const mine = async (sessionId: string, participantId: string): Promise<WorkPackagesStatus> => {
    const list = await store.listWorkPackageRequests(sessionId);
    return { email: list.find((r) => r.participantId === participantId)?.email ?? null };
  };

  /** Tells the session's facilitators (not its screens) how many asked. */
  const announce = async (sessionId: string): Promise<void> => {
    const count = (await store.listWorkPackageRequests(sessionId)).length;
    io.to(rooms.operators(sessionId)).except(rooms.screens(sessionId)).emit('workPackages:count', count);
  };

  /** A participant who is still in the session, after the usual checks. */
  async function participant<T>(socket: AppSocket, schema: ZodType<T>, payload: unknown) {
    const a = await deps.admit(socket, 'participant', schema, payload);
    if (!a.ok) return a;
    const me = a.session.state.participants[a.auth.participantId];
    if (!me || me.removed) return { ok: false as const, refusal: deps.forbidden() };
    return a;
  }

  return {
    'workPackages:get': async (socket: AppSocket, payload: unknown): Promise<Ack<WorkPackagesStatus>> => {
      const a = await participant(socket, emptyPayloadSchema, payload);
      if (!a.ok) return a.refusal;
      return { ok: true, data: await mine(a.session.record.id, a.auth.participantId) };
    },
    'workPackages:request': async (socket: AppSocket, payload: unknown): Promise<Ack<WorkPackagesStatus>> => {
      const a = await participant(socket, workPackagesRequestSchema, payload);
      if (!a.ok) return a.refusal;
      const sessionId = a.session.record.id;
      await store.putWorkPackageRequest({
        sessionId,
        participantId: a.auth.participantId,
        email: a.data.email,
        consentVersion: WORK_PACKAGES_CONSENT_VERSION,
        at: deps.now(),
      });
      await announce(sessionId);
      return { ok: true, data: { email: a.data.email } };
    },
    'workPackages:withdraw': async (socket: AppSocket, payload: unknown): Promise<Ack<WorkPackagesStatus>> => {
      const a = await participant(socket, emptyPayloadSchema, payload);
      if (!a.ok) return a.refusal;
      await store.deleteWorkPackageRequest(a.session.record.id, a.auth.participantId);
      await announce(a.session.record.id);
      return { ok: true, data: { email: null } };
    },
    'workPackages:count': async (socket: AppSocket, payload: unknown): Promise<Ack<number>> => {
      const a = await deps.admit(socket, 'facilitator', emptyPayloadSchema, payload);
      if (!a.ok) return a.refusal;
      return { ok: true, data: (await store.listWorkPackageRequests(a.session.record.id)).length };
    },
  } as const;
}
