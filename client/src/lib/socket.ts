/**
 * The one module that opens Socket.IO connections. Everything else talks to the server
 * through the typed socket it returns and `request()`, which turns an acknowledgement
 * (or its absence) into an `Ack`.
 */
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../../shared/protocol/ack.ts';
import { movedTo, type ClientToServerEvents, type HandshakeAuth, type ServerToClientEvents } from '../../../shared/protocol/events.ts';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const DEFAULT_PATH = '/socket.io';

/**
 * Opens a connection to this origin. `auth` is re-read at every reconnect, so updating it
 * (after a join) is enough.
 *
 * Several servers behind one proxy: a server that does not have the session refuses the
 * handshake with `server:moved <path>`, and the socket connects again at that path. When
 * that server cannot be reached (it stopped), the next attempt goes through the default
 * path, and whichever server answers says where the session lives now.
 */
export function openSocket(auth: HandshakeAuth, path = DEFAULT_PATH): AppSocket {
  const socket: AppSocket = io({
    auth,
    path,
    // Phones on venue Wi-Fi: keep trying, but back off so hundreds of phones don't reconnect in lockstep.
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    randomizationFactor: 0.5,
  });
  let hops = 0;
  socket.on('connect', () => (hops = 0));
  socket.on('connect_error', (err) => {
    const moved = movedTo(err.message);
    // Any other failure: the next attempt goes through the default path (see above).
    socket.io.opts.path = moved ?? DEFAULT_PATH;
    if (!moved) return void (hops = 0);
    // A refusal is not retried by itself: connect anew, at the new path. While a server
    // is failing over, servers can point at one that is gone: after a few hops in a row,
    // wait a moment between them.
    if (++hops <= 3) socket.connect();
    else setTimeout(() => socket.connected || socket.connect(), 1000 + Math.random() * 2000);
  });
  return socket;
}

type EventName = keyof ClientToServerEvents;
type PayloadOf<E extends EventName> = Parameters<ClientToServerEvents[E]>[0];
type DataOf<E extends EventName> = Parameters<ClientToServerEvents[E]>[1] extends (ack: Ack<infer T>) => void ? T : never;

/** A request that never got an answer: the caller may retry it (with the same idempotency key). */
export const NO_ANSWER = 'no_answer' as const;

export async function request<E extends EventName>(
  socket: AppSocket,
  event: E,
  payload: PayloadOf<E>,
  timeoutMs = 8000,
): Promise<Ack<DataOf<E>> | typeof NO_ANSWER> {
  try {
    // socket.io types emitWithAck generically; the event map above guarantees the shapes.
    const timed = socket.timeout(timeoutMs) as unknown as {
      emitWithAck(e: E, p: PayloadOf<E>): Promise<Ack<DataOf<E>>>;
    };
    return await timed.emitWithAck(event, payload);
  } catch {
    return NO_ANSWER;
  }
}
