/**
 * Which page origins may open a Socket.IO connection. Browsers always send `Origin` on a
 * WebSocket handshake and on cross-site requests; a page of this app has the same host as
 * the request. Clients without an Origin (a same-origin polling GET in some browsers,
 * scripts, tests) are not a cross-site threat and are let through.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return !!host && new URL(origin).host === host;
  } catch {
    return false;
  }
}
