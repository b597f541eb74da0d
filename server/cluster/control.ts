/**
 * What one node must tell the others, through the official Socket.IO PostgreSQL adapter
 * (LISTEN/NOTIFY on the database the nodes share): today, that a session was deleted (by
 * retention, which runs on every node), so its owner closes its devices at once.
 *
 * A Socket.IO server of its own, attached to no HTTP server and holding no sockets, used only
 * for `serverSideEmit`: the devices' server keeps the default in-memory adapter, so the
 * broadcasts of a session (all its sockets sit on its owner) never go through the database.
 */
import { createAdapter } from '@socket.io/postgres-adapter';
import type pg from 'pg';
import { Server } from 'socket.io';

interface ControlEvents {
  'session:deleted': (sessionId: string) => void;
}

export interface ClusterControl {
  /** Tells the other nodes that this session is gone. */
  sessionDeleted(sessionId: string): void;
  close(): Promise<void>;
}

export function startControl(pool: pg.Pool, on: { sessionDeleted(sessionId: string): void }, onError: (err: Error) => void): ClusterControl {
  const io = new Server<Record<string, never>, Record<string, never>, ControlEvents>();
  io.adapter(createAdapter(listenerSafePool(pool, onError), { errorHandler: onError }));
  io.on('session:deleted', (sessionId: string) => on.sessionDeleted(sessionId));
  return {
    sessionDeleted: (sessionId) => void io.serverSideEmit('session:deleted', sessionId),
    // Not io.close(): this server has no engine to close. Its adapter holds the LISTEN
    // connection and the heartbeat timer.
    close: async () => {
      await io.of('/').adapter.close();
      io.removeAllListeners();
    },
  };
}

/**
 * The adapter keeps one connection checked out for LISTEN and reconnects when it ends, but
 * does not listen for its errors: when the database restarts, the "terminating connection"
 * error would end the process. This pool gives it connections that report such errors, and
 * that go back to the pool, destroyed, once they have ended (the adapter takes a new one).
 */
function listenerSafePool(pool: pg.Pool, onError: (err: Error) => void): pg.Pool {
  return {
    query: pool.query.bind(pool),
    connect: async () => {
      const client = await pool.connect();
      client.on('error', onError);
      client.once('end', () => {
        try {
          client.release(true);
        } catch {
          // already given back
        }
      });
      return client;
    },
  } as unknown as pg.Pool;
}
