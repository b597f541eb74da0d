/**
 * `npm run bench -- --target URL --target-nodes a=URL,b=URL`: drive servers that are already
 * running (the cluster bench starts them, scripts/lib/bench/cluster.ts) instead of starting
 * one. Clients use URL (the proxy); the server figures come from every node's own
 * /internal/metrics (METRICS=1), merged: CPU time, heap and connections summed over the nodes,
 * event-loop delay and RSS those of the worst node (the budgets are per process).
 */

export interface TargetNode {
  readonly id: string;
  /** The node's own address, for /internal/metrics (loopback only). */
  readonly url: string;
}

export interface Target {
  readonly url: string;
  readonly nodes: readonly TargetNode[];
}

/** `a=http://127.0.0.1:3001,b=…`; without it, the target itself is the one node (id "a"). */
export function parseTarget(url: string, nodes: string | undefined): Target {
  if (!nodes) return { url, nodes: [{ id: 'a', url }] };
  return {
    url,
    nodes: nodes.split(',').map((pair) => {
      const [id, nodeUrl] = pair.split('=') as [string, string | undefined];
      if (!/^[a-z0-9][a-z0-9-]{0,30}$/.test(id) || !nodeUrl) throw new Error(`--target-nodes: expected <node id>=<url>, got "${pair}"`);
      return { id, url: nodeUrl };
    }),
  };
}

/**
 * The Socket.IO path session `session`'s facilitator and screen open: one node's own path in
 * turn, so the sessions spread over the nodes (through the proxy's default path every client
 * of one address reaches the same node, which would then own them all). Undefined: the default.
 */
export function operatorPath(target: Target | null, session: number): string | undefined {
  if (!target || target.nodes.length < 2) return undefined;
  return `/n/${target.nodes[session % target.nodes.length]!.id}/socket.io`;
}

/** GET /internal/metrics of one node (server/http/metrics.ts). */
export interface NodeMetrics {
  eventLoop: { p50Ms: number; p99Ms: number; maxMs: number };
  heapUsedBytes: number;
  rssBytes: number;
  cpuUserMicros: number;
  cpuSystemMicros: number;
  connections: number;
  gcExposed: boolean;
  /** The export process's largest resident size: its own process, not in rssBytes. */
  exportPeakRssBytes?: number;
}

/** Summed where it adds up (CPU, heap, connections), the worst node's where the budget is per process (event loop, RSS). */
export function mergeMetrics<T extends NodeMetrics>(all: readonly T[]): T {
  const max = (f: (m: T) => number) => Math.max(...all.map(f));
  const sum = (f: (m: T) => number) => all.reduce((s, m) => s + f(m), 0);
  return {
    ...all[0]!,
    eventLoop: { p50Ms: max((m) => m.eventLoop.p50Ms), p99Ms: max((m) => m.eventLoop.p99Ms), maxMs: max((m) => m.eventLoop.maxMs) },
    heapUsedBytes: sum((m) => m.heapUsedBytes),
    rssBytes: max((m) => m.rssBytes),
    cpuUserMicros: sum((m) => m.cpuUserMicros),
    cpuSystemMicros: sum((m) => m.cpuSystemMicros),
    connections: sum((m) => m.connections),
    gcExposed: all.every((m) => m.gcExposed),
    exportPeakRssBytes: max((m) => m.exportPeakRssBytes ?? 0),
  };
}

/** GET /internal/metrics of every node, merged (see mergeMetrics). */
export async function fetchMetrics<T extends NodeMetrics>(urls: readonly string[], gc = false): Promise<T> {
  const all = await Promise.all(
    urls.map(async (url) => {
      const res = await fetch(`${url}/internal/metrics${gc ? '?gc=1' : ''}`);
      if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) {
        throw new Error(`GET ${url}/internal/metrics answered ${res.status} ${res.headers.get('content-type')}: is METRICS=1 honoured?`);
      }
      return (await res.json()) as T;
    }),
  );
  return mergeMetrics(all);
}

/** Resets every node's event-loop histogram (one per phase). */
export async function resetMetrics(urls: readonly string[]): Promise<void> {
  await Promise.all(urls.map((url) => fetch(`${url}/internal/metrics/reset`, { method: 'POST' })));
}
