/**
 * What the real server acknowledges to a PHONE, per client event, for the fake sockets of the
 * component tests. One row per event of the shared protocol (ClientToServerEvents): the type
 * makes a new or changed event fail to compile here until its row says what the server
 * answers. Sources: server/realtime/commandTable.ts (`result`), socketServer.ts (join, and
 * the sender check that refuses facilitator events from a participant).
 */
import type { AckFn, Ack } from '../../shared/protocol/ack.ts';
import type { ClientEventName, ClientToServerEvents } from '../../shared/protocol/events.ts';

type Payload<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];
type AckData<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[1] extends AckFn<infer T> ? T : never;

/** The session and person a fake server hands out on join. */
export const FAKE_JOIN = { sessionId: 's1', participantId: 'p1', token: 'tok_aaaaaaaaaaaaaaaaaaaaaaaa', device: 'dev_aaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbb' } as const;

const forbidden = () => ({ ok: false, code: 'forbidden', key: 'error.forbidden', error: 'Dat mag alleen de begeleider.', stage: 'auth' }) as const;
const ok = <T>(data: T) => ({ ok: true, data }) as const;

const ROWS: { [E in ClientEventName]: (payload: Payload<E>) => Ack<AckData<E>> } = {
  'session:join': () => ok(FAKE_JOIN),
  'answer:add': () => ok(null),
  'answer:edit': () => ok(null),
  'answer:delete': () => ok(null),
  'rating:set': () => ok(null),
  // What the server answers for a group whose takeaway document is still empty (an empty
  // Yjs update and state vector); tests of the editor use takeawayServer.svelte.ts instead.
  'takeaway:sync': () => ok({ update: new Uint8Array([0, 0]), stateVector: new Uint8Array([0]) }),
  'takeaway:update': () => ok(null),
  'drafts:report': () => ok(null),
  // Nobody asked for the work packages yet; asking gives back the address (trimmed by the schema).
  'workPackages:get': () => ok({ email: null }),
  'workPackages:request': (p) => ok({ email: p.email.trim() }),
  'workPackages:withdraw': () => ok({ email: null }),
  'workPackages:count': forbidden,
  // A phone's socket is a participant: the server refuses every facilitator event.
  'content:update': forbidden,
  'settings:update': forbidden,
  'groups:form': forbidden,
  'participant:move': forbidden,
  'participant:remove': forbidden,
  'participant:admit': forbidden,
  'step:set': forbidden,
  'agenda:add': forbidden,
  'agenda:remove': forbidden,
  'agenda:move': forbidden,
  'agenda:edit': forbidden,
  'timer:start': forbidden,
  'timer:pause': forbidden,
  'timer:reset': forbidden,
  'timer:extend': forbidden,
  'answer:hide': forbidden,
  'spotlight:set': forbidden,
  'session:end': forbidden,
  'screen:page': forbidden,
};

/** The server's answer to `event` from a phone; an event outside the protocol is refused as the server does. */
export function serverAck(event: string, payload: unknown): Ack<unknown> {
  if (!Object.hasOwn(ROWS, event)) return { ok: false, code: 'invalid', key: 'error.unknownEvent', error: 'Onbekend bericht.' };
  return (ROWS[event as ClientEventName] as (p: unknown) => Ack<unknown>)(payload);
}
