/**
 * Binary payloads (Yjs) as Yjs wants them. Its own module, so the phone's join bundle (which
 * imports events.ts) does not carry it: only the takeaway chunk does.
 */
import type { WireBytes } from './events.ts';

export function toBytes(b: WireBytes): Uint8Array {
  return b instanceof Uint8Array ? b : new Uint8Array(b);
}
