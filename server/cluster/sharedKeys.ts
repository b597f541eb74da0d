/**
 * The keys every node of a cluster must hold alike: `link-key` signs the owners' and
 * facilitators' links, `device.key` the phones' device credentials. A phone whose session
 * moves to another node (failover, a drain) comes back with a credential the new owner must
 * accept, so a node with keys of its own would turn every phone away.
 *
 * On one database they live in PostgreSQL (`cluster_keys`): the first node to start puts in
 * the keys it has in its DATA_DIR (so a server that ran alone keeps its links working when it
 * gets company), and every node, that one included, uses what the table holds from then on.
 */
import type pg from 'pg';
import { withClient } from '../store/pgPool.ts';

export type SharedKeyName = 'link-key' | 'device.key';

/** The cluster's key `name`: `local` if no node put one in before, else the one that is there. */
export async function sharedKey(pool: pg.Pool, name: SharedKeyName, local: Buffer): Promise<Buffer> {
  return withClient(pool, async (client) => {
    await client.query('INSERT INTO cluster_keys (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, local]);
    const row = (await client.query<{ value: Buffer }>('SELECT value FROM cluster_keys WHERE name = $1', [name])).rows[0];
    if (!row) throw new Error(`cluster key ${name} is missing right after it was stored`);
    return row.value;
  });
}
