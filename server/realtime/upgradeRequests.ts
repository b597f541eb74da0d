/**
 * Lets the HTTP request of a WebSocket upgrade go once the upgrade is done.
 *
 * Engine.IO answers an upgrade with a small response object that keeps the request (its
 * headers, raw headers and parser state) and lives as long as the connection: a 'close'
 * listener on the TCP socket holds it. That is about 1.2 KB per phone that nothing reads
 * after the handshake, a tenth of the server's heap per connection. (Dropping
 * `rawSocket.request`, as Socket.IO's memory guide says and app.ts does, is not enough:
 * this second reference keeps it.)
 *
 * The response's `writeHead()` is the last moment anything uses the request: Engine.IO calls
 * it right before ws writes the 101 answer, after the middlewares that set headers (as
 * express-session does). The hook is the `on-headers` idiom, but with one shared function
 * that removes itself, so no closure stays behind per connection either.
 */
import { ServerResponse, type IncomingMessage } from 'node:http';

interface UpgradeResponse {
  req: IncomingMessage | null;
  writeHead(...args: unknown[]): unknown;
}

type Middleware = (req: IncomingMessage, res: ServerResponse | UpgradeResponse, next: (err?: unknown) => void) => void;

/** Stands in for the response's own writeHead once: calls it, then drops the request and itself. */
function writeHeadThenForget(this: UpgradeResponse, ...args: unknown[]): unknown {
  // Later calls reach the prototype's writeHead again.
  delete (this as Partial<UpgradeResponse>).writeHead;
  try {
    return this.writeHead(...args);
  } finally {
    this.req = null;
  }
}

export function forgetUpgradeRequests(engine: { use(middleware: Middleware): void }): void {
  engine.use((_req, res, next) => {
    // Long-polling requests get a real ServerResponse, which Node lets go when it is sent.
    if (!(res instanceof ServerResponse)) res.writeHead = writeHeadThenForget;
    next();
  });
}
