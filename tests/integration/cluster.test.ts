/**
 * Two servers on one PostgreSQL database, in this process (the proxy in front of them is
 * `npm run test:cluster`'s business): a session lives on the node that claimed it; the other
 * node sends its devices there (a refused handshake or join naming the owner's socket path,
 * a 307 for downloads); when the owner goes silent the other claims the session, and the old
 * owner's next write is refused by the fence and its devices are sent away; a draining node
 * says it is not ready.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgAccountStore } from '../../server/accounts/pgAccountStore.ts';
import { SessionLeases } from '../../server/cluster/leases.ts';
import { PgStore } from '../../server/store/pgStore.ts';
import { HANDSHAKE_ERRORS } from '../../shared/protocol/events.ts';
import { testAccounts } from '../support/accounts.ts';
import { TEST_DATABASE_URL, freshSchema, postgresMissing } from '../support/postgres.ts';
import { connect, createSession, Operator, Phone, send, startServer, until, type CreatedSession, type TestServer } from './harness.ts';

const missing = await postgresMissing('two servers on PostgreSQL');

interface Node {
  readonly server: TestServer;
  readonly leases: SessionLeases;
  readonly store: PgStore;
  readonly accounts: PgAccountStore;
}

describe.skipIf(!!missing)(`two servers on PostgreSQL${missing ? ` (${missing})` : ''}`, () => {
  let drop: () => Promise<void>;
  let schema: string;
  let a: Node;
  let b: Node;
  let session: CreatedSession;

  async function node(id: string, schema: string, extra: Partial<Parameters<typeof startServer>[0]> = {}): Promise<Node> {
    let leases: SessionLeases | null = null;
    const store = await PgStore.open(TEST_DATABASE_URL, { schema, fence: { nodeId: id, epochOf: (s) => leases?.epochOf(s) ?? null } });
    leases = new SessionLeases(store.pool, { nodeId: id, path: `/n/${id}`, heartbeatMs: 100, deadAfterMs: 800 });
    await leases.start();
    const accounts = await PgAccountStore.open(TEST_DATABASE_URL, { schema });
    const server = await startServer({ store, accounts: testAccounts(accounts), leases, controlPool: store.pool, ...extra });
    return { server, leases, store, accounts };
  }

  beforeAll(async () => {
    const fresh = await freshSchema('cluster');
    drop = fresh.drop;
    schema = fresh.schema;
    a = await node('a', fresh.schema);
    b = await node('b', fresh.schema);
    session = await createSession(a.server.url);
  });

  const extraNodes: Node[] = [];
  afterAll(async () => {
    for (const n of [a, b, ...extraNodes]) {
      if (!n) continue;
      n.leases.stop();
      await n.server.close();
      await n.accounts.close();
      await n.store.close();
    }
    await drop?.();
  });

  it('a session lives where it was first opened; the other node sends devices and downloads there', async () => {
    const facilitator = await new Operator(a.server.url, session.sessionId, session.facilitatorSecret).ready();
    try {
      // A phone that reached b joins on a: b names a's socket path.
      const guest = new Phone(b.server.url);
      const refused = await guest.join(session.code, 'Anne', 'opdrachtgever', 'Gemeente Arnhem');
      expect(refused).toMatchObject({ ok: false, code: 'moved', movedTo: '/n/a/socket.io' });
      guest.close();
      const phone = new Phone(a.server.url);
      expect(await phone.join(session.code, 'Anne', 'opdrachtgever', 'Gemeente Arnhem')).toMatchObject({ ok: true });

      // Reconnecting at b with its token: the handshake names a.
      const wrong = connect(b.server.url, { participantToken: phone.token! });
      const err = await new Promise<Error>((resolve) => wrong.once('connect_error', resolve));
      expect(err.message).toBe(`${HANDSHAKE_ERRORS.moved}/n/a/socket.io`);
      wrong.close();

      // A download asked of b is redirected to a, path and query kept.
      const res = await fetch(`${b.server.url}/api/sessions/${session.sessionId}/export.csv?flavour=excel-nl`, {
        headers: { authorization: `Bearer ${session.facilitatorSecret}` },
        redirect: 'manual',
      });
      expect(res.status).toBe(307);
      expect(res.headers.get('location')).toBe(`/n/a/api/sessions/${session.sessionId}/export.csv?flavour=excel-nl`);
      // Reading the join page's facts needs no owner: b answers itself, and names where the
      // session lives, so the page's first socket goes there (no join sent on).
      const facts = await fetch(`${b.server.url}/api/join/${session.code}`);
      expect(facts.status).toBe(200);
      expect(await facts.json()).toMatchObject({ sessionId: session.sessionId, socketPath: '/n/a/socket.io' });
      expect(await (await fetch(`${a.server.url}/api/join/${session.code}`)).json()).toMatchObject({ socketPath: '/n/a/socket.io' });
      phone.close();
    } finally {
      facilitator.close();
    }
  });

  it('when the owner goes silent the other node takes the session; the old owner’s write is refused and its devices sent away', async () => {
    const facilitator = await new Operator(a.server.url, session.sessionId, session.facilitatorSecret).ready();
    const dropped = new Promise<string>((resolve) => facilitator.socket.once('disconnect', resolve));
    a.leases.stop(); // a pauses: no heartbeat
    await new Promise((r) => setTimeout(r, 1200));

    // A phone now reaches b, which claims the session and lets it join.
    const phone = new Phone(b.server.url);
    expect(await phone.join(session.code, 'Bart', 'opdrachtnemer', 'Wijkteam Arnhem')).toMatchObject({ ok: true });
    expect(await b.leases.route(session.sessionId)).toMatchObject({ nodeId: 'b', mine: true, epoch: 2 });

    // a still believes it owns the session: its facilitator's command is refused by the fence.
    const before = (await b.store.loadCommits(session.sessionId)).length;
    // Never acknowledged: the socket is closed before an answer (the device retries at the owner with the same key).
    const ack = await send(facilitator.socket, 'timer:start', { opId: 'stale-from-a' }).catch(() => null);
    expect(ack?.ok ?? false).toBe(false);
    expect(await dropped).toBe('transport close');
    const after = await b.store.loadCommits(session.sessionId);
    expect(after.length).toBe(before);
    expect(after.some((c) => c.opId === 'stale-from-a')).toBe(false);

    // The facilitator comes back at b and sees Bart.
    const again = await new Operator(b.server.url, session.sessionId, session.facilitatorSecret).ready();
    expect(Object.values(again.state!.participants).map((p) => p.name)).toContain('Bart');
    again.close();
    phone.close();
    await a.leases.start();
  });

  it('a draining node says it is not ready and hands its sessions over', async () => {
    expect((await fetch(`${b.server.url}/readyz`)).status).toBe(200);
    await b.server.app.drain();
    // Not ready: 503 on a connection still open, or no new connection taken at all.
    expect(await fetch(`${b.server.url}/readyz`).then((r) => r.status, () => 'refused')).toBeOneOf([503, 'refused']);
    // b owned the session (the last test): after the drain a takes it at once.
    expect(await a.leases.route(session.sessionId)).toMatchObject({ nodeId: 'a', mine: true });
  });

  it('a session deleted by another node (its retention) closes the devices on its owner at once', async () => {
    const phone = new Phone(a.server.url);
    expect(await phone.join(session.code, 'Dirk', 'opdrachtnemer', 'Sociaal Team Ede')).toMatchObject({ ok: true });
    // A third node keeps sessions for 0 days: its first sweep deletes the session a owns.
    const c = await node('c', schema, { retentionDays: 0 });
    extraNodes.push(c);
    expect(await c.server.app.retention!.lastSweep).toContain(session.sessionId);
    // a hears it through the adapter and sends its phone away, as if deleted on a.
    await until(() => phone.removed, 'the phone on a is told the session is gone', 5000);
    expect(await a.store.getSession(session.sessionId)).toBeNull();
    phone.close();
  });
});
