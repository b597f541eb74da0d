/**
 * A long-polling POST carries many packets at once (up to the 64 KB frame cap: ~8,000 tiny
 * ones). Engine.IO decodes them all in one go, and Socket.IO hands each to the socket on
 * its own tick, even after the rate limiter cut the socket off: decoding and dropping 8,000
 * packets held the event loop for 100–200 ms. No honest client needs that many: every
 * packet costs a token of the sender's allowance (a burst of at most 80), and 50 refusals in
 * a row end the connection, so a POST with more than `maxPackets` packets would end in a
 * disconnect anyway. It is refused whole, before it is decoded, and the connection closed.
 */
import { RATE_LIMITS } from './rateLimit.ts';

/** More than the largest burst plus the refusals before a cut-off, with room to spare. */
export const MAX_PACKETS_PER_POST = 2 * (Math.max(RATE_LIMITS.participant.capacity, RATE_LIMITS.operator.capacity) + RATE_LIMITS.refusalsBeforeDisconnect);

/** Engine.IO's packet separator in a polling payload (protocol 4). */
const SEPARATOR = '\x1e';

/** Whether `payload` holds more than `max` packets; stops counting there. */
export function morePacketsThan(payload: string | Buffer, max: number): boolean {
  let from = 0;
  for (let n = 0; n < max; n++) {
    const at = payload.indexOf(SEPARATOR, from);
    if (at < 0) return false;
    from = at + 1;
  }
  return true;
}

interface RawConnection {
  readonly transport: { readonly name: string; onData(data: string | Buffer): void };
  close(discard?: boolean): void;
}

/**
 * Wraps this connection's polling transport (a connection that starts on WebSocket has
 * none; WebSocket frames are one packet each). `onRefused` is told, for a sampled log line.
 */
export function guardPolling(raw: RawConnection, onRefused: () => void, maxPackets = MAX_PACKETS_PER_POST): void {
  const transport = raw.transport;
  if (transport.name !== 'polling') return;
  const decode = transport.onData.bind(transport);
  transport.onData = (data) => {
    if (!morePacketsThan(data, maxPackets)) return decode(data);
    onRefused();
    raw.close(true);
  };
}
