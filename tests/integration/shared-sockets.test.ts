/**
 * Open sockets per client address hold across servers: two nodes on one PostgreSQL database
 * publish their counts per address (server/cluster/pgSockets.ts), so an address gets
 * SOCKETS_PER_ADDRESS once for the cluster, not once per node; a dead node's sockets stop
 * counting. Addresses as in address-limits.test.ts: X-Forwarded-For behind TRUST_PROXY.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import { PgAccountStore } from '../../server/accounts/pgAccountStore.ts';
import { SessionLeases } from '../../server/cluster/leases.ts';
import { PgBuckets } from '../../server/cluster/pgBuckets.ts';
import { TOO_MANY_SOCKETS } from '../../server/limits/addressLimits.ts';
import { PgStore } from '../../server/store/pgStore.ts';
import { testAccounts } from '../support/accounts.ts';
import { TEST_DATABASE_URL, freshSchema, postgresMissing } from '../support/postgres.ts';
import { connected, startServer, until, type ClientSocket, type TestServer } from './harness.ts';

const missing = await postgresMissing('open sockets per address across servers');

interface Node {
  readonly server: TestServer;
  readonly leases: SessionLeases;
  readonly buckets: PgBuckets;
  readonly store: PgStore;
  readonly accounts: PgAccountStore;
}

describe.skipIf(!!missing)(`open sockets per address across servers${missing ? ` (${missing})` : ''}`, () => {
  let drop: () => Promise<void>;
  let a: Node;
  let b: Node;
  const sockets: ClientSocket[] = [];

  async function node(id: string, schema: string): Promise<Node> {
    const store = await PgStore.open(TEST_DATABASE_URL, { schema });
    const leases = new SessionLeases(store.pool, { nodeId: id, path: `/n/${id}` });
    await leases.start();
    // The counts are refreshed every few seconds here; the test says when it needs them written.
    const buckets = new PgBuckets(store.pool, { nodeId: id, refreshMs: 60_000 });
    const accounts = await PgAccountStore.open(TEST_DATABASE_URL, { schema });
    const server = await startServer({ store, accounts: testAccounts(accounts), leases, sharedBuckets: buckets, trustProxy: true, addressLimits: { socketsPerAddress: 3 } });
    return { server, leases, buckets, store, accounts };
  }

  beforeAll(async () => {
    const fresh = await freshSchema('sockets');
    drop = fresh.drop;
    a = await node('a', fresh.schema);
    b = await node('b', fresh.schema);
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const n of [a, b]) {
      if (!n) continue;
      n.leases.stop();
      n.buckets.close();
      await n.server.close();
      await n.accounts.close();
      await n.store.close();
    }
    await drop?.();
  });

  /** A guest socket to `n` that says (through "our proxy") it comes from `address`. */
  function from(n: Node, address: string): ClientSocket {
    // Long polling: Node's own WebSocket (which socket.io-client uses) sends no extra headers.
    const s = ioClient(n.server.url, { transports: ['polling'], forceNew: true, reconnection: false, extraHeaders: { 'x-forwarded-for': address } }) as ClientSocket;
    sockets.push(s);
    return s;
  }
  const outcome = (s: ClientSocket) =>
    new Promise<string>((resolve) => {
      s.once('connect', () => resolve('open'));
      s.once('connect_error', (err) => resolve(err.message));
    });
  const open = (n: Node, address: string) => outcome(from(n, address));

  it('an address gets its sockets once for the cluster, whichever node they reach; a dead node stops counting', async () => {
    const venue = '203.0.113.7';
    // Two on a (the second is near the limit: counted in the database at once), one on b.
    expect([await open(a, venue), await open(a, venue), await open(b, venue)]).toEqual(['open', 'open', 'open']);
    // b's first was far from the limit and goes out with its next refresh.
    await b.buckets.sockets!.refresh();
    // The cluster holds 3 from the venue: neither node lets a fourth in.
    expect(await open(b, venue)).toBe(TOO_MANY_SOCKETS);
    expect(await open(a, venue)).toBe(TOO_MANY_SOCKETS);
    // Another address, and this machine itself, are not limited by the venue's sockets.
    expect(await open(b, '198.51.100.2')).toBe('open');
    const local = ioClient(b.server.url, { transports: ['polling'], forceNew: true, reconnection: false }) as ClientSocket;
    sockets.push(local);
    await connected(local);

    // One of the venue's sockets on a closes: once a has written that, b has room for one.
    const onA = sockets.filter((s, i) => i < 2 && s.connected);
    const before = a.server.app.io.engine.clientsCount;
    onA[0]!.disconnect();
    await until(() => a.server.app.io.engine.clientsCount === before - 1, 'a sees the socket close');
    await a.buckets.sockets!.refresh();
    expect(await open(b, venue)).toBe('open');
    expect(await open(b, venue)).toBe(TOO_MANY_SOCKETS);

    // a dies (no more heartbeats): its socket from the venue no longer counts on b.
    a.leases.stop();
    await a.store.pool.query(`UPDATE nodes SET heartbeat_at = 0 WHERE id = 'a'`);
    expect(await open(b, venue)).toBe('open');
    expect(await open(b, venue)).toBe(TOO_MANY_SOCKETS);
  });
});
