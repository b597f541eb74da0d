/**
 * Creating sessions needs an account (issue 11). The scripts start the server with
 * ADMIN_EMAIL/ADMIN_PASSWORD, so its first start makes this beheerder, then sign in as it
 * and take a personal API token, as an organizer's script would.
 */
export const SCRIPT_ADMIN = { email: 'beheer@samenspraak.test', password: 'scripts-wachtwoord-12345' } as const;

/** The environment that makes the server create SCRIPT_ADMIN on first start. */
export const adminEnv = { ADMIN_EMAIL: SCRIPT_ADMIN.email, ADMIN_PASSWORD: SCRIPT_ADMIN.password, ADMIN_ORGANISATION: 'Samenspraak scripts' };

/** Signs in with e-mail and password; returns the Cookie header to send. */
export async function signInCookie(url: string, who: { email: string; password: string } = SCRIPT_ADMIN): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(who),
  });
  if (res.status !== 200) throw new Error(`signing in as ${who.email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('signing in gave no cookie');
  return cookie.split(';')[0]!;
}

/** Signs in and makes a personal API token: `Authorization: Bearer <token>`. */
export async function apiToken(url: string, who: { email: string; password: string } = SCRIPT_ADMIN): Promise<string> {
  const cookie = await signInCookie(url, who);
  const res = await fetch(`${url}/api/tokens`, {
    method: 'POST',
    // A cookie-signed change must come from the app's own origin.
    headers: { 'content-type': 'application/json', cookie, origin: url },
    body: JSON.stringify({ name: 'script' }),
  });
  if (res.status !== 201) throw new Error(`making an API token failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** POST /api/sessions as the holder of `token`. */
export function createSessionRequest(url: string, token: string, body: unknown = { templateId: 'stevige-lokale-teams' }): Promise<Response> {
  return fetch(`${url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}
