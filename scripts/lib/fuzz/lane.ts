/**
 * One attacking lane: a sender with its own socket, sending hostile messages one at a time,
 * paced under its rate limit. A lane whose socket is closed (an oversized frame does that)
 * signs in again as the same sender (its device token, or the facilitator's secret) before
 * it goes on, so it never drifts into sending as a guest.
 */
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../../shared/protocol/ack.ts';
import type { HandshakeAuth } from '../../../shared/protocol/events.ts';
import type { Ctx, Kind } from './kinds.ts';
import { outcomeOf, type Outcome, type Sender, type Tally } from './tally.ts';

const ACK_TIMEOUT_MS = 10_000;
const SIGN_IN_TIMEOUT_MS = 10_000;

export interface LaneSpec {
  readonly sender: Sender;
  /** What the socket presents at the handshake; {} for a guest. */
  readonly auth: HandshakeAuth;
  /** The event that proves the sign-in is complete (the server's snapshot), or 'connect' for a guest. */
  readonly signedIn: 'participant:snapshot' | 'operator:snapshot' | 'connect';
  readonly kinds: readonly Kind[];
  readonly messages: number;
  /** Messages per second: below the sender's refill rate, so the rate limit is not what answers. */
  readonly perSecond: number;
  /** What the kinds aim at, from this sender's point of view. */
  readonly ctx: Ctx;
  /** A socket already signed in (the removed participant's, which cannot sign in again). */
  readonly socket?: Socket;
}

export interface LaneResult {
  readonly signIns: number;
  /** Sign-ins the server refused; the lane stops there. */
  readonly signInRefusals: string[];
}

export interface Sockets {
  open(auth: HandshakeAuth): Socket;
}

/** Opens a socket as `auth` and resolves once the server has finished signing it in. */
export async function signIn(sockets: Sockets, auth: HandshakeAuth, signedIn: LaneSpec['signedIn']): Promise<Socket> {
  const socket = sockets.open(auth);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${signedIn} within ${SIGN_IN_TIMEOUT_MS} ms`)), SIGN_IN_TIMEOUT_MS);
    socket.once(signedIn, () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  return socket;
}

function send(socket: Socket, event: string, args: unknown[]): Promise<Outcome> {
  return new Promise((resolve) => {
    const done = (o: Outcome) => {
      clearTimeout(timer);
      socket.off('disconnect', onClose);
      resolve(o);
    };
    const onClose = () => done('closed');
    const timer = setTimeout(() => done(socket.connected ? 'unanswered' : 'closed'), ACK_TIMEOUT_MS);
    socket.once('disconnect', onClose);
    socket.emit(event, ...args, (reply: Ack<unknown>) => done(outcomeOf(reply)));
  });
}

/** The outcome a kind is built for: an oversized frame gets the socket closed. */
const aimed = (kind: Kind): Outcome => (kind.aims === 'transport' ? 'closed' : kind.aims);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runLane(spec: LaneSpec, tally: Tally, sockets: Sockets, offset: number): Promise<LaneResult> {
  let signIns = 0;
  const signInRefusals: string[] = [];
  let socket = spec.socket ?? (await signIn(sockets, spec.auth, spec.signedIn));
  const gap = 1000 / spec.perSecond;
  let next = Date.now();
  for (let i = 0; i < spec.messages; i++) {
    if (!socket.connected) {
      try {
        socket = await signIn(sockets, spec.auth, spec.signedIn);
        signIns++;
      } catch (err) {
        signInRefusals.push(err instanceof Error ? err.message : String(err));
        break;
      }
    }
    const wait = next - Date.now();
    if (wait > 0) await sleep(wait);
    next = Math.max(Date.now(), next) + gap;

    const kind = spec.kinds[(offset + i) % spec.kinds.length]!;
    const attack = kind.make(spec.ctx);
    if (!attack.ack) {
      socket.emit(attack.event, ...attack.args);
      tally.record(spec.sender, kind.name, 'no ack', aimed(kind));
      continue;
    }
    const outcome = await send(socket, attack.event, attack.args);
    tally.record(spec.sender, kind.name, outcome, aimed(kind));
    if (outcome === 'accepted') console.error(`accepted a hostile message (${spec.sender}, ${kind.name}): ${attack.event}`);
  }
  return { signIns, signInRefusals };
}
