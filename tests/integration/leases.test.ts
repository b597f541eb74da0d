/**
 * One owner per session across servers (server/cluster/leases.ts) with PostgreSQL: exactly
 * one node wins a race to own a session; a silent or draining owner's sessions are claimed
 * by another with a higher epoch; and the old owner's writes are refused by the fence inside
 * their own transaction, leaving no row behind.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FencedError, SessionLeases } from '../../server/cluster/leases.ts';
import { PgStore } from '../../server/store/pgStore.ts';
import { TEST_DATABASE_URL, freshSchema, postgresMissing } from '../support/postgres.ts';
import { sessionCreated, sessionRecord } from './store-contract.ts';

const missing = await postgresMissing('session leases');

interface Node {
  readonly leases: SessionLeases;
  readonly store: PgStore;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function cluster(ids: readonly string[], deadAfterMs = 10_000): Promise<Node[]> {
  const { schema, drop } = await freshSchema('leases');
  cleanups.push(drop);
  const nodes: Node[] = [];
  for (const id of ids) {
    // Each node's store writes only with the epoch its leases hold (the fence).
    let leases: SessionLeases | null = null;
    const store = await PgStore.open(TEST_DATABASE_URL, { schema, maxConnections: 20, fence: { nodeId: id, epochOf: (s) => leases?.epochOf(s) ?? null } });
    leases = new SessionLeases(store.pool, { nodeId: id, path: `/n/${id}`, heartbeatMs: 100, deadAfterMs });
    await leases.start();
    const node = { leases, store };
    cleanups.push(async () => {
      node.leases.stop();
      await node.store.close();
    });
    nodes.push(node);
  }
  return nodes;
}

const create = (store: PgStore, id: string, code: string) =>
  store.createSession(sessionRecord(id, code), { seq: 1, opId: null, at: 1, events: [sessionCreated(id, code)] });

describe.skipIf(!!missing)(`session leases${missing ? ` (${missing})` : ''}`, () => {
  it('50 concurrent route requests over 3 nodes for a new session give exactly one owner', async () => {
    const nodes = await cluster(['a', 'b', 'c']);
    await create(nodes[0]!.store, 's1', 'ABC234');
    const owners = await Promise.all(Array.from({ length: 50 }, (_, i) => nodes[i % 3]!.leases.route('s1')));
    const distinct = new Set(owners.map((o) => `${o!.nodeId}@${o!.epoch}`));
    expect(distinct.size).toBe(1);
    const [owner] = owners;
    expect(owner!.epoch).toBe(1);
    expect(owner!.path).toBe(`/n/${owner!.nodeId}`);
    // Each node knows whether it is the one.
    for (const [i, o] of owners.entries()) expect(o!.mine).toBe(nodes[i % 3]!.leases.nodeId === o!.nodeId);
  });

  it('answers null for a session that does not exist', async () => {
    const [a] = await cluster(['a']);
    expect(await a!.leases.route('ghost')).toBeNull();
  });

  it('a silent owner loses its session to the next route; its next commit is refused and leaves no row', async () => {
    const [a, b] = await cluster(['a', 'b'], 400);
    await create(a!.store, 's1', 'ABC234');
    expect(await a!.leases.route('s1')).toMatchObject({ nodeId: 'a', epoch: 1, mine: true });
    await a!.store.append('s1', { seq: 2, opId: 'a-1', at: 2, events: [] });
    // While a heartbeats, b is sent to a.
    expect(await b!.leases.route('s1')).toMatchObject({ nodeId: 'a', mine: false, path: '/n/a' });

    a!.leases.stop(); // paused: no heartbeat
    await new Promise((r) => setTimeout(r, 700));
    expect(await b!.leases.route('s1')).toMatchObject({ nodeId: 'b', epoch: 2, mine: true });
    await b!.store.append('s1', { seq: 3, opId: 'b-1', at: 3, events: [] });

    // a wakes up and writes what it had queued: refused by the fence, nothing written.
    await expect(a!.store.append('s1', { seq: 4, opId: 'a-stale', at: 4, events: [] })).rejects.toBeInstanceOf(FencedError);
    const commits = await b!.store.loadCommits('s1');
    expect(commits.map((c) => c.opId)).toEqual([null, 'a-1', 'b-1']);
  });

  it('a draining owner hands its sessions to whoever routes them next, and takes none itself', async () => {
    const [a, b] = await cluster(['a', 'b']);
    await create(a!.store, 's1', 'ABC234');
    await create(a!.store, 's2', 'DEF567');
    await a!.leases.route('s1');
    await a!.leases.drain();
    expect(await b!.leases.route('s1')).toMatchObject({ nodeId: 'b', epoch: 2, mine: true });
    await expect(a!.store.append('s1', { seq: 2, opId: null, at: 2, events: [] })).rejects.toBeInstanceOf(FencedError);
    await expect(a!.leases.route('s2')).rejects.toThrow(/draining/);
    expect(await b!.leases.route('s2')).toMatchObject({ nodeId: 'b', mine: true });
  });

  it('a node writes nothing to a session it never routed', async () => {
    const [a] = await cluster(['a']);
    await create(a!.store, 's1', 'ABC234');
    await expect(a!.store.append('s1', { seq: 2, opId: null, at: 2, events: [] })).rejects.toBeInstanceOf(FencedError);
  });
});
