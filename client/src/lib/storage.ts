/**
 * localStorage that never throws: private mode, a full disk or a blocked storage must not
 * break the page. Values are JSON; a reader checks the shape with a guard, because what is
 * stored may come from an older version of the app (or from someone poking at it).
 */

function store(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function readJson<T>(key: string, isValid: (value: unknown) => value is T): T | null {
  const s = store();
  if (!s) return null;
  try {
    const raw = s.getItem(key);
    if (raw === null) return null;
    const value: unknown = JSON.parse(raw);
    return isValid(value) ? value : null;
  } catch {
    return null;
  }
}

/** Returns false when the value could not be stored (the caller may warn the person). */
export function writeJson(key: string, value: unknown): boolean {
  const s = store();
  if (!s) return false;
  try {
    s.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function removeKey(key: string): void {
  try {
    store()?.removeItem(key);
  } catch {
    // Nothing to do: the value simply stays.
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
