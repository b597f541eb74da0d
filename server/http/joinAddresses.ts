/**
 * Which address phones use to join: the base of join links and QR codes.
 *
 * A facilitator who runs the server on a laptop opens it as http://localhost:3000, which a
 * phone cannot reach. So when the request came in over loopback and no PUBLIC_URL is set,
 * the join address is the laptop's LAN address (first non-internal IPv4 with the server's
 * port), and the other LAN addresses are offered as alternatives. With PUBLIC_URL set,
 * only PUBLIC_URL is ever used: links are never built from a Host header then.
 *
 * Pure: the interfaces, the request's host and the port are passed in (tests fake them).
 */
import type { NetworkInterfaceInfo } from 'node:os';
import type { JoinAddressCandidate, JoinAddresses } from '../../shared/protocol/joinAddresses.ts';

export type { JoinAddresses } from '../../shared/protocol/joinAddresses.ts';

export type Interfaces = Readonly<Record<string, readonly NetworkInterfaceInfo[] | undefined>>;

export interface JoinAddressInput {
  readonly interfaces: Interfaces;
  /** The request's Host header (host[:port]), if any. */
  readonly requestHost: string | undefined;
  /** 'http' or 'https', as the request came in. */
  readonly protocol: string;
  /** The port the server listens on. */
  readonly port: number;
  readonly publicUrl: string | null;
}

/** Every non-internal IPv4 address of the machine, in the order the OS lists them. */
export function lanAddresses(interfaces: Interfaces): string[] {
  const out: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const info of list ?? []) {
      // Node 18.0–18.3 reported the family as a number.
      const v4 = info.family === 'IPv4' || (info.family as unknown) === 4;
      if (v4 && !info.internal && !out.includes(info.address)) out.push(info.address);
    }
  }
  return out;
}

/** The hostname part of a Host header value, lower case, without brackets or port. */
export function hostnameOf(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  const colon = h.lastIndexOf(':');
  return colon > 0 && h.indexOf(':') === colon ? h.slice(0, colon) : h;
}

export function isLoopbackHost(host: string): boolean {
  const name = hostnameOf(host);
  return name === 'localhost' || name.endsWith('.localhost') || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name);
}

/** `protocol://host` as a normalised origin, or null for a Host header that is not one. */
function originOf(protocol: string, host: string): string | null {
  try {
    const url = new URL(`${protocol}://${host}`);
    return url.host === '' ? null : url.origin;
  } catch {
    return null;
  }
}

const lanUrl = (address: string, port: number) => `http://${address}:${port}`;

export function joinAddresses(input: JoinAddressInput): JoinAddresses {
  if (input.publicUrl) {
    const url = input.publicUrl.replace(/\/+$/, '');
    return { base: url, reason: 'public', candidates: [{ url, kind: 'public' }] };
  }
  const lan = lanAddresses(input.interfaces);
  const fallback = `${input.protocol}://localhost:${input.port}`;
  const requested = (input.requestHost && originOf(input.protocol, input.requestHost)) || fallback;
  const lanCandidates: JoinAddressCandidate[] = lan.map((a) => ({ url: lanUrl(a, input.port), kind: 'lan' }));

  if (!input.requestHost || isLoopbackHost(input.requestHost)) {
    const self: JoinAddressCandidate = { url: requested, kind: 'thisComputer' };
    if (lanCandidates.length === 0) return { base: requested, reason: 'loopbackOnly', candidates: [self] };
    return { base: lanCandidates[0]!.url, reason: 'lan', candidates: [...lanCandidates, self] };
  }
  // Someone else's address for this server (a LAN IP or a name): it works for phones too.
  // The LAN alternatives are offered only when the request used one of them, so a server
  // reached by a public name never tells strangers its internal addresses.
  const viaLan = lan.includes(hostnameOf(input.requestHost));
  const others = viaLan ? lanCandidates.filter((c) => c.url !== requested) : [];
  return { base: requested, reason: 'request', candidates: [{ url: requested, kind: viaLan ? 'lan' : 'request' }, ...others] };
}

/** The base the client asked for, if it is one of the candidates; otherwise the suggested one. */
export function chosenBase(addresses: JoinAddresses, asked: unknown): string {
  if (typeof asked !== 'string') return addresses.base;
  const wanted = asked.replace(/\/+$/, '');
  return addresses.candidates.some((c) => c.url === wanted) ? wanted : addresses.base;
}

/** Every address phones can use, for the start message: PUBLIC_URL, or each LAN address. */
export function startAddresses(opts: { interfaces: Interfaces; host: string; port: number; publicUrl: string | null }): {
  readonly urls: readonly string[];
  /** The server listens on loopback only: LAN addresses would not answer. */
  readonly loopbackOnly: boolean;
} {
  const loopbackOnly = isLoopbackHost(opts.host);
  const urls: string[] = [];
  if (opts.publicUrl) urls.push(opts.publicUrl.replace(/\/+$/, ''));
  if (!loopbackOnly) {
    const all = opts.host === '0.0.0.0' || opts.host === '::' || opts.host === '';
    for (const a of lanAddresses(opts.interfaces)) if (all || a === opts.host) urls.push(lanUrl(a, opts.port));
  }
  return { urls, loopbackOnly };
}
