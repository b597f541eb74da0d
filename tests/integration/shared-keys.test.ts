/**
 * Several servers on one database hold the same keys (server/cluster/sharedKeys.ts): a
 * phone's device credential and an owner's link made on one node must hold on another,
 * or a failover turns every phone into a stranger. The first node's own keys become the
 * cluster's, so a server that ran alone keeps its links when it gets company.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerFacilitatorSecret } from '../../server/accounts/sessionLinks.ts';
import { sharedKey } from '../../server/cluster/sharedKeys.ts';
import { DeviceCredentials } from '../../server/realtime/deviceCredentials.ts';
import { PgStore } from '../../server/store/pgStore.ts';
import { TEST_DATABASE_URL, freshSchema, postgresMissing } from '../support/postgres.ts';

const missing = await postgresMissing('keys shared by several servers');

describe.skipIf(!!missing)(`keys shared by several servers${missing ? ` (${missing})` : ''}`, () => {
  let drop: () => Promise<void>;
  let store: PgStore;

  beforeAll(async () => {
    const fresh = await freshSchema('keys');
    drop = fresh.drop;
    store = await PgStore.open(TEST_DATABASE_URL, { schema: fresh.schema });
  });

  afterAll(async () => {
    await store?.close();
    await drop?.();
  });

  it('every node ends up with the first node\'s keys, and what one node issues holds on the others', async () => {
    const first = { link: randomBytes(32), device: randomBytes(32) };
    const second = { link: randomBytes(32), device: randomBytes(32) };
    // The first node starts alone: its own keys become the cluster's.
    const a = { link: await sharedKey(store.pool, 'link-key', first.link), device: await sharedKey(store.pool, 'device.key', first.device) };
    expect(a.link.equals(first.link) && a.device.equals(first.device)).toBe(true);
    // Two more start at the same moment with keys of their own: both get the first node's.
    const [b, c] = await Promise.all(
      [second, { link: randomBytes(32), device: randomBytes(32) }].map(async (own) => ({
        link: await sharedKey(store.pool, 'link-key', own.link),
        device: await sharedKey(store.pool, 'device.key', own.device),
      })),
    );
    for (const node of [b!, c!]) {
      expect(node.link.equals(first.link)).toBe(true);
      expect(node.device.equals(first.device)).toBe(true);
    }
    // A phone's credential from node a is one of "ours" on node b; an owner's link made on a is the same on c.
    const credential = new DeviceCredentials(a.device).issue();
    expect(new DeviceCredentials(b!.device).issued(credential)).toBe(true);
    expect(new DeviceCredentials(second.device).issued(credential)).toBe(false);
    expect(ownerFacilitatorSecret(c!.link, 'sessie-1', 0)).toBe(ownerFacilitatorSecret(a.link, 'sessie-1', 0));
  });
});
