/**
 * Reactive drafts: what a textarea holds, readable by key from any component and saved on
 * the device as the person types (see drafts.ts). Because it is reactive, text put back
 * by code (say, an answer the server refused) shows up in an open editor at once.
 */
import { SvelteMap } from 'svelte/reactivity';
import { clearDraft, loadDraft, saveDraft } from './drafts.ts';

export class DraftStore {
  #values = new SvelteMap<string, string>();

  get(key: string): string {
    return this.#values.get(key) ?? loadDraft(key) ?? '';
  }

  set(key: string, value: string): void {
    this.#values.set(key, value);
    saveDraft(key, value);
  }

  clear(key: string): void {
    this.#values.set(key, '');
    clearDraft(key);
  }
}
