/**
 * Limits per client address that hold across servers: two nodes' AddressLimits share their
 * join and session buckets in PostgreSQL (server/cluster/pgBuckets.ts), so an address gets
 * the limit once for the cluster, not once per node.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgBuckets } from '../../server/cluster/pgBuckets.ts';
import { AddressLimits } from '../../server/limits/addressLimits.ts';
import { JoinCodeGuard } from '../../server/realtime/rateLimit.ts';
import { PgStore } from '../../server/store/pgStore.ts';
import { TEST_DATABASE_URL, freshSchema, postgresMissing } from '../support/postgres.ts';

const missing = await postgresMissing('limits shared by several servers');

describe.skipIf(!!missing)(`limits shared by several servers${missing ? ` (${missing})` : ''}`, () => {
  let drop: () => Promise<void>;
  let store: PgStore;
  let a: PgBuckets;
  let b: PgBuckets;

  beforeAll(async () => {
    const fresh = await freshSchema('limits');
    drop = fresh.drop;
    store = await PgStore.open(TEST_DATABASE_URL, { schema: fresh.schema });
    // Two nodes: two bucket stores on one database.
    a = new PgBuckets(store.pool);
    b = new PgBuckets(store.pool);
  });

  afterAll(async () => {
    a?.close();
    b?.close();
    await store?.close();
    await drop?.();
  });

  it('an address gets its joins once for the cluster, whichever node it reaches', async () => {
    const options = { socketsPerAddress: 100, joinsPerAddressPerMinute: 3, sessionsPerAddressPerHour: 1 };
    const nodeA = new AddressLimits(options, a);
    const nodeB = new AddressLimits(options, b);
    const venue = '203.0.113.7';
    const results = [await nodeA.mayJoin(venue, 0), await nodeB.mayJoin(venue, 0), await nodeA.mayJoin(venue, 0), await nodeB.mayJoin(venue, 0)];
    expect(results).toEqual([true, true, true, false]);
    // Another address has its own bucket; this machine itself is never limited.
    expect(await nodeB.mayJoin('198.51.100.9', 0)).toBe(true);
    expect(await nodeB.mayJoin('127.0.0.1', 0)).toBe(true);
    // Sessions per address too.
    expect([await nodeA.mayCreateSession(venue, 0), await nodeB.mayCreateSession(venue, 0)]).toEqual([true, false]);
  });

  it('wrong join codes count for the cluster: past the limit on one node, the other slows the address too', async () => {
    const options = { failures: { maxFailures: 3, windowMs: 60_000 }, lookupsWhileBlocked: { capacity: 2, refillPerSecond: 0.01 } };
    const nodeA = new JoinCodeGuard(options, a);
    const nodeB = new JoinCodeGuard(options, b);
    const guesser = '192.0.2.66';
    expect(await nodeB.mayLookUp(guesser, 0)).toBe(true);
    // Three wrong codes, spread over the nodes, are allowed; the fourth is past the limit.
    expect([await nodeA.wrongCode(guesser, 0), await nodeB.wrongCode(guesser, 0), await nodeA.wrongCode(guesser, 0), await nodeB.wrongCode(guesser, 0)]).toEqual([
      false,
      false,
      false,
      true,
    ]);
    // Now every lookup of that address, on either node, is held to the slow rate (2, then nothing).
    expect([await nodeB.mayLookUp(guesser, 0), await nodeA.mayLookUp(guesser, 0), await nodeB.mayLookUp(guesser, 0)]).toEqual([true, true, false]);
    expect(await nodeA.mayLookUp('192.0.2.67', 0)).toBe(true);
  });

  it('refills on the database clock, and concurrent takes never give out more than the bucket holds', async () => {
    const taken = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).take('burst', 5, 60_000)));
    expect(taken.filter(Boolean)).toHaveLength(5);
    expect(await a.take('refill', 2, 200)).toBe(true);
    expect(await b.take('refill', 2, 200)).toBe(true);
    expect(await a.take('refill', 2, 200)).toBe(false);
    await new Promise((r) => setTimeout(r, 150)); // 1.5 tokens back
    expect(await b.take('refill', 2, 200)).toBe(true);
  });
});
