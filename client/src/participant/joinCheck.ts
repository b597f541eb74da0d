/** `GET /api/join/<CODE>`: does this code belong to a session, before the person types anything. */
import { LANGUAGES, type Language } from '../../../shared/constants.ts';

export type CodeCheck =
  | {
      readonly kind: 'ok';
      readonly sessionId: string;
      readonly title: string;
      readonly locked: boolean;
      readonly ended: boolean;
      readonly language: Language | null;
      /** Several servers: the socket path of the one that holds the session (join there at once). */
      readonly socketPath: string | null;
    }
  | { readonly kind: 'notFound' }
  /** Too many wrong codes from this address. */
  | { readonly kind: 'rateLimited' }
  /** Network trouble or an unexpected answer: let the person try the join itself. */
  | { readonly kind: 'unknown' };

export async function checkJoinCode(code: string, fetchFn: typeof fetch = fetch): Promise<CodeCheck> {
  try {
    const res = await fetchFn(`/api/join/${encodeURIComponent(code)}`, { headers: { accept: 'application/json' } });
    if (res.status === 404) return { kind: 'notFound' };
    if (res.status === 429) return { kind: 'rateLimited' };
    if (!res.ok) return { kind: 'unknown' };
    const body: unknown = await res.json();
    if (typeof body === 'object' && body !== null) {
      const b = body as Record<string, unknown>;
      if (typeof b.sessionId === 'string' && typeof b.title === 'string') {
        const language = LANGUAGES.find((l) => l === b.language) ?? null;
        // Only a path on this origin that names a Socket.IO endpoint (e.g. /n/a/socket.io).
        const socketPath = typeof b.socketPath === 'string' && /^\/[A-Za-z0-9_/-]*\/socket\.io$/.test(b.socketPath) ? b.socketPath : null;
        return { kind: 'ok', sessionId: b.sessionId, title: b.title, locked: b.locked === true, ended: b.ended === true, language, socketPath };
      }
    }
    return { kind: 'unknown' };
  } catch {
    return { kind: 'unknown' };
  }
}
