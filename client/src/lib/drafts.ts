/**
 * Drafts: the text of a textarea, saved on the device while the person types (debounced)
 * so a reload, a crash or a sleeping phone loses nothing. Pending writes are flushed when
 * the page is hidden or closed. An empty draft removes the key.
 */
import { readJson, removeKey, writeJson } from './storage.ts';

const DEBOUNCE_MS = 300;
const pending = new Map<string, { value: string; timer: ReturnType<typeof setTimeout> }>();
let listening = false;

const isString = (v: unknown): v is string => typeof v === 'string';

function write(key: string, value: string): void {
  if (value === '') removeKey(key);
  else writeJson(key, value);
}

function listen(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  window.addEventListener('pagehide', flushDrafts);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushDrafts();
  });
}

export function loadDraft(key: string): string | null {
  const waiting = pending.get(key);
  if (waiting) return waiting.value === '' ? null : waiting.value;
  return readJson(key, isString);
}

export function saveDraft(key: string, value: string, delayMs = DEBOUNCE_MS): void {
  listen();
  const waiting = pending.get(key);
  if (waiting) clearTimeout(waiting.timer);
  const timer = setTimeout(() => {
    pending.delete(key);
    write(key, value);
  }, delayMs);
  pending.set(key, { value, timer });
}

export function clearDraft(key: string): void {
  const waiting = pending.get(key);
  if (waiting) clearTimeout(waiting.timer);
  pending.delete(key);
  removeKey(key);
}

/** Writes every draft that is still waiting for its debounce. */
export function flushDrafts(): void {
  for (const [key, { value, timer }] of pending) {
    clearTimeout(timer);
    write(key, value);
  }
  pending.clear();
}
