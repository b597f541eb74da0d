/**
 * A connection does not keep its HTTP upgrade request alive (server/realtime/upgradeRequests.ts):
 * about 1.2 KB per phone, a tenth of the heap per connection at 5,000 phones. Checked with
 * weak references and a forced garbage collection while the sockets are still connected.
 */
import type { IncomingMessage } from 'node:http';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import { startServer, until, type TestServer } from './harness.ts';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

let server: TestServer | null = null;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await server?.close();
  server = null;
});

/** Weak references to every upgrade request the server sees (a middleware after the app's). */
function watchUpgrades(s: TestServer): WeakRef<IncomingMessage>[] {
  const refs: WeakRef<IncomingMessage>[] = [];
  s.app.io.engine.use((req: IncomingMessage, _res: unknown, next: () => void) => {
    if (req.headers.upgrade) refs.push(new WeakRef(req));
    next();
  });
  return refs;
}

async function collected(refs: readonly WeakRef<IncomingMessage>[]): Promise<number> {
  for (let i = 0; i < 3; i++) {
    // A WeakRef's target read in this turn stays alive until the turn ends: collect in a later one.
    await new Promise((r) => setTimeout(r, 10));
    gc();
  }
  await new Promise((r) => setTimeout(r, 10));
  return refs.filter((r) => r.deref() === undefined).length;
}

describe('upgrade requests', () => {
  it.each([
    ['WebSocket first (as the bench connects)', { transports: ['websocket'] }],
    ['long polling, then the upgrade (as browsers connect)', {}],
  ])('%s: the request is let go while the socket stays connected', async (_label, opts) => {
    server = await startServer();
    const refs = watchUpgrades(server);
    for (let i = 0; i < 3; i++) {
      const socket = ioClient(server.url, { forceNew: true, ...opts });
      sockets.push(socket);
    }
    await until(() => sockets.every((s) => s.connected && s.io.engine.transport.name === 'websocket'), 'all sockets on WebSocket');
    await until(() => refs.length === 3, 'three upgrade requests seen');
    expect(await collected(refs)).toBe(3);
    expect(sockets.every((s) => s.connected)).toBe(true);
    // Still working after the request went: a round trip on every socket.
    for (const s of sockets) await expect(s.timeout(2000).emitWithAck('no:such:event' as never)).resolves.toMatchObject({ ok: false });
  });
});
