/**
 * The client's address for the limits per address and the join-code throttle. Behind our own
 * reverse proxy (TRUST_PROXY) it is the last entry of X-Forwarded-For, the one our proxy
 * added; earlier entries come from the client and could be anything. It is read once, when
 * Engine.IO accepts the connection: app.ts then drops the HTTP request (kept per connection
 * it costs memory), and with it the headers Socket.IO's handshake would read them from.
 */
import type { IncomingMessage } from 'node:http';

interface RawConnection {
  request: IncomingMessage | null;
  remoteAddress?: string;
  clientAddress?: string;
}

export function forwardedAddress(header: string | string[] | undefined): string | undefined {
  return (Array.isArray(header) ? header.at(-1) : header)?.split(',').at(-1)?.trim() || undefined;
}

/** Stores the client's address on the Engine.IO connection; call before its request is dropped. */
export function rememberClientAddress(raw: RawConnection, trustProxy: boolean): void {
  const forwarded = trustProxy ? forwardedAddress(raw.request?.headers['x-forwarded-for']) : undefined;
  raw.clientAddress = forwarded ?? raw.request?.socket.remoteAddress ?? raw.remoteAddress ?? 'unknown';
}

/** The address `rememberClientAddress` stored for this socket's connection. */
export function clientAddressOf(socket: { readonly conn: unknown; readonly handshake: { readonly address: string } }): string {
  return (socket.conn as RawConnection).clientAddress ?? socket.handshake.address;
}
