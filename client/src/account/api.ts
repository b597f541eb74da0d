/**
 * The account pages' calls to the server: JSON in and out, the browser's sign-in cookie
 * sent along (same origin), and refusals turned into a message in the page's language.
 */
import { hasMessage, type MessageKey } from '../../../shared/i18n/index.ts';
import type { PublicAccount } from '../../../shared/accounts/wire.ts';
import { t } from '../lib/i18n.svelte.ts';
import { accountPaths } from './paths.ts';

export type ApiResult<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly status: number; readonly message: string };

export async function api<T>(path: string, method = 'GET', body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    return { ok: false, status: 0, message: t('account.error.offline') };
  }
  if (res.status === 204) return { ok: true, data: undefined as T };
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    json = null;
  }
  if (res.ok) return { ok: true, data: json as T };
  return { ok: false, status: res.status, message: refusalText(json) };
}

/** The server's `key` in this page's language (with its `detail`), or a general message. */
export function refusalText(body: unknown): string {
  const b = (body ?? {}) as { key?: unknown; detail?: unknown; error?: unknown };
  if (typeof b.key === 'string' && hasMessage('nl', b.key as MessageKey)) {
    return t(b.key as MessageKey, typeof b.detail === 'string' ? { detail: b.detail } : undefined);
  }
  return typeof b.error === 'string' ? b.error : t('account.error.generic');
}

/** The signed-in account, or null (not signed in, or the server cannot be reached). */
export async function currentAccount(): Promise<PublicAccount | null> {
  const me = await api<{ account: PublicAccount | null }>('/api/auth/me');
  return me.ok ? me.data.account : null;
}

/** The signed-in account; without one, goes to the sign-in page (which brings the person back here). */
export async function requireAccount(): Promise<PublicAccount | null> {
  const account = await currentAccount();
  if (!account) location.replace(accountPaths.signIn(location.pathname + location.search));
  return account;
}
