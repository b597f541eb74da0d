/**
 * Several facilitator devices on one session: each is sent the screen link (never the
 * facilitator secret in it), what one does the other sees, and sessions made before screen
 * secrets were derived get a working screen link on every facilitator device too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { HANDSHAKE_ERRORS } from '../../shared/protocol/events.ts';
import { hashSecret } from '../../server/secrets.ts';
import { MemoryStore } from '../../server/store/memoryStore.ts';
import type { Commit, SessionRecord } from '../../server/store/types.ts';
import { connect, createSession, op, Operator, startServer, until, type TestServer } from './harness.ts';

let server: TestServer | null = null;
const open: Operator[] = [];

afterEach(async () => {
  for (const o of open.splice(0)) o.close();
  await server?.close();
  server = null;
});

async function operator(url: string, sessionId: string, secret: string, as: 'facilitator' | 'screen' = 'facilitator'): Promise<Operator> {
  const o = new Operator(url, sessionId, secret, as);
  open.push(o);
  return o.ready();
}

/** Resolves with the handshake error message, or 'connected'. */
function handshake(url: string, sessionId: string, secret: string, as: 'facilitator' | 'screen'): Promise<string> {
  const socket = connect(url, { sessionId, secret, as });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.disconnect();
      resolve('connected');
    });
    socket.once('connect_error', (err) => {
      socket.disconnect();
      resolve(err.message);
    });
  });
}

describe('facilitator devices', () => {
  it('two facilitator devices both get the screen link and see each other’s actions', async () => {
    server = await startServer();
    const session = await createSession(server.url);
    const laptop = await operator(server.url, session.sessionId, session.facilitatorSecret);
    const tablet = await operator(server.url, session.sessionId, session.facilitatorSecret);

    expect(laptop.screenSecret).toBe(session.screenSecret);
    expect(tablet.screenSecret).toBe(session.screenSecret);
    expect(session.screenSecret).not.toBe(session.facilitatorSecret);

    expect((await laptop.send('settings:update', { opId: op(), settings: { locked: true } })).ok).toBe(true);
    await until(() => tablet.state?.settings.locked === true, 'the tablet sees the lock');
    expect((await tablet.send('settings:update', { opId: op(), settings: { targetGroupSize: 4 } })).ok).toBe(true);
    await until(() => laptop.state?.settings.targetGroupSize === 4, 'the laptop sees the new group size');

    // The screen opens with the screen link; the facilitator's own secret does not open it.
    const screen = await operator(server.url, session.sessionId, tablet.screenSecret!, 'screen');
    expect(screen.screenSecret).toBeNull();
    expect(screen.state?.settings.locked).toBe(true);
    expect(await handshake(server.url, session.sessionId, session.facilitatorSecret, 'screen')).toBe(HANDSHAKE_ERRORS.badSecret);
    // And the screen link does not steer.
    expect(await handshake(server.url, session.sessionId, session.screenSecret, 'facilitator')).toBe(HANDSHAKE_ERRORS.badSecret);
  });

  it('a session made with a random screen secret gets a derived one for every facilitator device; the old link keeps working', async () => {
    const OLD = 'old-random-screen-secret-0123456789';
    /** Creates sessions the way the server did before: a random screen secret. */
    class OldStyleStore extends MemoryStore {
      override async createSession(record: SessionRecord, first: Commit): Promise<void> {
        return super.createSession({ ...record, screenSecretHash: hashSecret(OLD) }, first);
      }
    }
    const store = new OldStyleStore();
    server = await startServer({ store });
    const session = await createSession(server.url);
    // Before any facilitator device connected, only the old link works.
    expect(await handshake(server.url, session.sessionId, session.screenSecret, 'screen')).toBe(HANDSHAKE_ERRORS.badSecret);
    expect(await handshake(server.url, session.sessionId, OLD, 'screen')).toBe('connected');

    const laptop = await operator(server.url, session.sessionId, session.facilitatorSecret);
    const phone = await operator(server.url, session.sessionId, session.facilitatorSecret);
    expect(laptop.screenSecret).toBeTruthy();
    expect(phone.screenSecret).toBe(laptop.screenSecret);
    expect((await store.getSession(session.sessionId))?.derivedScreenSecretHash).toBe(hashSecret(laptop.screenSecret!));

    expect(await handshake(server.url, session.sessionId, laptop.screenSecret!, 'screen')).toBe('connected');
    expect(await handshake(server.url, session.sessionId, OLD, 'screen')).toBe('connected');
  });
});
