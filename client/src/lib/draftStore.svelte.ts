/**
 * Reactive drafts: what a textarea holds, readable by key from any component and saved on
 * the device as the person types (see drafts.ts). Because it is reactive, text put back
 * by code (say, an answer the server refused) shows up in an open editor at once.
 */
import { clearDraft, loadDraft, saveDraft } from './drafts.ts';

export class DraftStore {
  // A plain $state record (deeply reactive per key) rather than SvelteMap: same behaviour,
  // and phones do not download svelte/reactivity's collections.
  #values = $state<Record<string, string>>({});

  get(key: string): string {
    return this.#values[key] ?? loadDraft(key) ?? '';
  }

  set(key: string, value: string): void {
    this.#values[key] = value;
    saveDraft(key, value);
  }

  clear(key: string): void {
    this.#values[key] = '';
    clearDraft(key);
  }
}
