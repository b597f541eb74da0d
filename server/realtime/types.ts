import type { Server, Socket } from 'socket.io';
import type {
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from '../../shared/protocol/events.ts';
import type { TokenBucket } from './rateLimit.ts';

/**
 * What the server keeps per socket beside Socket.IO's own: fields on the one `data` object
 * Socket.IO already holds, not a closure and context per socket (thousands of phones, each
 * with a few, came to a few hundred bytes each: see socketServer.ts).
 */
export interface ServerSocketData extends SocketData {
  /** Where this socket's events take their tokens from; a participant's is the person's, shared by their sockets. */
  bucket?: TokenBucket;
  /** Refusals in a row for the rate; past a limit the socket is cut off. */
  refusals?: number;
  /** The client address this socket was counted under (participants and guests: see AddressLimits). */
  countedAddress?: string;
  /** The session this socket keeps in memory (SessionHub.retain) until it disconnects. */
  retains?: string;
}

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, ServerSocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, ServerSocketData>;
