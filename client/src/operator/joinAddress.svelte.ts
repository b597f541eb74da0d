/**
 * The address phones use to join, for the console and the screen: what the server suggests
 * (`GET /api/join-addresses`: the LAN address when this page was opened via localhost) and
 * what the facilitator chose instead on this device. The choice is kept per session in
 * localStorage, so a screen opened on the same laptop uses it too.
 */
import { isJoinAddresses, type JoinAddresses } from '../../../shared/protocol/joinAddresses.ts';
import { readJson, writeJson } from '../lib/storage.ts';
import { paths } from '../lib/router.ts';
import { defaultQrSrc } from './joinText.ts';

const isString = (v: unknown): v is string => typeof v === 'string';
const storageKey = (sessionId: string) => `samenspraak:join-base:${sessionId}`;

export class JoinAddressChoice {
  /** What the server said; null until it answered (or when it could not be asked). */
  addresses = $state.raw<JoinAddresses | null>(null);
  /** The facilitator's own choice on this device, if any. */
  chosen = $state<string | null>(null);

  readonly #sessionId: string;
  readonly #fetch: typeof fetch;
  readonly #origin: string;

  constructor(sessionId: string, deps: { fetch?: typeof fetch; origin?: string } = {}) {
    this.#sessionId = sessionId;
    this.#fetch = deps.fetch ?? ((...args) => fetch(...args));
    this.#origin = deps.origin ?? location.origin;
    this.chosen = readJson(storageKey(sessionId), isString);
  }

  async load(): Promise<void> {
    try {
      const res = await this.#fetch('/api/join-addresses', { headers: { accept: 'application/json' } });
      const body: unknown = res.ok ? await res.json() : null;
      if (isJoinAddresses(body)) this.addresses = body;
    } catch {
      // Offline or an old server: the page's own address, as before.
    }
  }

  /** Where this page was opened (the address the facilitator sees in the address bar). */
  get here(): string {
    return this.#origin;
  }

  /** The base of join links: the choice if still offered, else the server's suggestion. */
  get base(): string {
    const a = this.addresses;
    if (!a) return this.#origin;
    const chosen = this.chosen;
    return chosen && a.candidates.some((c) => c.url === chosen) ? chosen : a.base;
  }

  joinUrl(code: string): string {
    return this.base + paths.join(code);
  }

  /** The QR code's image: the server draws it for the suggested base unless another was chosen. */
  qrSrc(code: string): string {
    const src = defaultQrSrc(code);
    return this.addresses && this.base !== this.addresses.base ? `${src}?base=${encodeURIComponent(this.base)}` : src;
  }

  /** Follows a choice made in another tab of this browser (the console beside the screen); returns the stop. */
  watch(): () => void {
    const key = storageKey(this.#sessionId);
    const onStorage = (e: StorageEvent) => {
      if (e.key === key) this.chosen = readJson(key, isString);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }

  choose(url: string): void {
    this.chosen = url;
    writeJson(storageKey(this.#sessionId), url);
  }
}
