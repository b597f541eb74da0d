/**
 * Internal figures for the benchmark: event-loop delay, memory, CPU, connections. Only
 * mounted when METRICS=1 (see server/index.ts), and then only answered from loopback.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Router } from 'express';
import type { AppServer } from '../realtime/types.ts';

export interface MetricsSources {
  readonly loadedSessions?: () => number;
  /** The export process's largest resident size (it is not in this process's RSS). */
  readonly exportPeakRssBytes?: () => number;
}

export function createMetricsRouter(io: AppServer, sources: MetricsSources = {}): Router {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const router = Router();
  router.use((req, res, next) => {
    const ip = req.socket.remoteAddress ?? '';
    if (ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1') return next();
    res.status(404).end();
  });
  /** Resets the event-loop histogram, so each benchmark phase is measured on its own. */
  router.post('/reset', (_req, res) => {
    loop.reset();
    res.json({ ok: true });
  });
  router.get('/', (req, res) => {
    // With --expose-gc the heap is measured after a full collection: live data only.
    const gc = (globalThis as { gc?: () => void }).gc;
    if (req.query.gc === '1' && gc) gc();
    const mem = process.memoryUsage();
    const cpu = process.cpuUsage();
    res.json({
      eventLoop: {
        p50Ms: loop.percentile(50) / 1e6,
        p99Ms: loop.percentile(99) / 1e6,
        maxMs: loop.max / 1e6,
      },
      heapUsedBytes: mem.heapUsed,
      // Where the resident memory is: V8's heap as reserved, Buffers and other memory outside it.
      heapTotalBytes: mem.heapTotal,
      externalBytes: mem.external,
      arrayBuffersBytes: mem.arrayBuffers,
      rssBytes: mem.rss,
      cpuUserMicros: cpu.user,
      cpuSystemMicros: cpu.system,
      connections: io.engine.clientsCount,
      loadedSessions: sources.loadedSessions?.() ?? 0,
      exportPeakRssBytes: sources.exportPeakRssBytes?.() ?? 0,
      gcExposed: typeof gc === 'function',
    });
  });
  return router;
}
