/**
 * A stand-in for the socket.io client socket in component tests: the page registers
 * handlers (`on`), the test plays the server (`fire`), and requests (`timeout().emitWithAck`)
 * are recorded in `sent` and answered by `reply`, which a test may swap for a failure.
 */
import type { Ack } from '../../shared/protocol/ack.ts';

type Handler = (...args: any[]) => void;

/** 'none': the acknowledgement never comes, as when it is lost on the way (the request times out). */
export type FakeReply = Ack<unknown> | 'none';

export class FakeSocket {
  connected: boolean;
  active = true;
  readonly auth: unknown;
  readonly handlers = new Map<string, Handler[]>();
  /** Every request the page made, in order. */
  readonly sent: Array<{ event: string; payload: any }> = [];
  reply: (event: string, payload: any) => FakeReply;

  constructor(options: { reply: (event: string, payload: any) => FakeReply; auth?: unknown; connected?: boolean }) {
    this.reply = options.reply;
    this.auth = options.auth;
    this.connected = options.connected ?? false;
  }

  on(event: string, fn: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }
  off(event: string, fn: Handler): this {
    this.handlers.set(event, (this.handlers.get(event) ?? []).filter((h) => h !== fn));
    return this;
  }
  /** Server side: a message arrives. */
  fire(event: string, ...args: unknown[]): void {
    for (const fn of this.handlers.get(event) ?? []) fn(...args);
  }
  timeout() {
    return {
      emitWithAck: async (event: string, payload: unknown) => {
        this.sent.push({ event, payload });
        const r = this.reply(event, payload);
        if (r === 'none') throw new Error('operation has timed out');
        return r;
      },
    };
  }
  connect(): this {
    this.connected = true;
    this.fire('connect');
    return this;
  }
  disconnect(): this {
    this.connected = false;
    return this;
  }
  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }
  /** Server side: the connection drops. */
  drop(): void {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }
}
