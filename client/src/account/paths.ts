/**
 * The account pages' addresses. Kept out of lib/router.ts on purpose: that module is in every
 * phone's download, and these are only needed by pages for people with an account.
 */
export const accountPaths = {
  /** `back`: where to go after signing in (a path of this app). */
  signIn: (back?: string) => (back ? `/inloggen?terug=${encodeURIComponent(back)}` : '/inloggen'),
  setup: () => '/setup',
  mySessions: () => '/mijn-sessies',
  account: () => '/account',
  programmes: () => '/programmas',
  programme: (id: string) => `/programmas/${encodeURIComponent(id)}`,
} as const;

/** The sign-in page's `terug`, if it is a path of this app (never another site: no open redirect). */
export function returnPath(search: string): string | null {
  const back = new URLSearchParams(search).get('terug');
  return back && /^\/(?![/\\])/.test(back) ? back : null;
}
