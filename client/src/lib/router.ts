/**
 * The app's few routes, parsed from the URL. Secrets travel in the fragment (#…), which
 * browsers never send to the server, so they stay out of server and proxy logs.
 */
export type Route =
  | { readonly page: 'join'; readonly code: string | null }
  | { readonly page: 'facilitator'; readonly sessionId: string; readonly secret: string }
  | { readonly page: 'screen'; readonly sessionId: string; readonly secret: string }
  | { readonly page: 'accessibility' }
  /** The pages for people with an account, /nieuw too (client/src/account/AccountArea.svelte picks one by path). */
  | { readonly page: 'account' }
  | { readonly page: 'notFound' };

export const paths = {
  join: (code: string) => `/j/${code}`,
  create: () => '/nieuw',
  facilitator: (sessionId: string, secret: string) => `/begeleider/${sessionId}#${secret}`,
  screen: (sessionId: string, secret: string) => `/scherm/${sessionId}#${secret}`,
  accessibility: () => '/toegankelijkheid',
} as const;

/** Paths of the account pages: one route here, so this module (in every phone's download) stays small. */
const ACCOUNT_PAGES = ['nieuw', 'inloggen', 'setup', 'mijn-sessies', 'account', 'programmas'];

export function parseRoute(pathname: string, hash: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const secret = hash.replace(/^#/, '');
  if (parts.length === 0) return { page: 'join', code: null };
  if (parts[0] === 'j' && parts.length <= 2) return { page: 'join', code: parts[1] ?? null };
  if (parts[0] === 'begeleider' && parts[1] && secret) return { page: 'facilitator', sessionId: parts[1], secret };
  if (parts[0] === 'scherm' && parts[1] && secret) return { page: 'screen', sessionId: parts[1], secret };
  if (parts[0] === 'toegankelijkheid' && parts.length === 1) return { page: 'accessibility' };
  if (ACCOUNT_PAGES.includes(parts[0]!) && (parts.length === 1 || (parts[0] === 'programmas' && parts.length === 2))) return { page: 'account' };
  return { page: 'notFound' };
}
