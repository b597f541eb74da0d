/**
 * Which Host names this server answers to (DNS rebinding: a page of evil.example that
 * resolves its name to this laptop's LAN address would otherwise talk to the app as if it
 * were its own site). Allowed: this machine's loopback names and LAN addresses (a laptop in
 * a venue needs no set-up), the host of PUBLIC_URL, and every name in ALLOWED_HOSTS.
 * A request without a Host header (scripts; HTTP/1.0) is let through: no browser sends one.
 *
 * Pure: the interfaces and the lists are passed in.
 */
import { hostnameOf, isLoopbackHost, lanAddresses, type Interfaces } from './joinAddresses.ts';

export interface HostRules {
  readonly interfaces: () => Interfaces;
  readonly publicUrl: string | null;
  /** Host names (no port), lower case. */
  readonly allowedHosts: readonly string[];
}

/** How long the machine's addresses are trusted before they are read again (a laptop changes networks). */
const INTERFACES_TTL_MS = 10_000;

export function hostGuard(rules: HostRules): (host: string | undefined) => boolean {
  const fixed = new Set(rules.allowedHosts.map((h) => h.toLowerCase()));
  if (rules.publicUrl) fixed.add(new URL(rules.publicUrl).hostname.toLowerCase());
  let lan: Set<string> = new Set();
  let readAt = -Infinity;
  return (host) => {
    if (host === undefined || host === '') return true;
    if (host.length > 255) return false;
    const name = hostnameOf(host);
    if (isLoopbackHost(host) || fixed.has(name)) return true;
    const now = Date.now();
    if (now - readAt > INTERFACES_TTL_MS) {
      lan = new Set(lanAddresses(rules.interfaces()));
      readAt = now;
    }
    return lan.has(name);
  };
}
