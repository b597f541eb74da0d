/**
 * Starts the real production server (dist/server/index.js, built from server/index.ts)
 * as its own process, the way `npm start` runs it, for the crash test and the benchmark.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { adminEnv } from './accounts.ts';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Bundles the server as `npm run build:server` does; cheap (tens of ms), so scripts always run fresh code. */
export function buildServer(): void {
  const result = spawnSync('npm', ['run', '--silent', 'build:server'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the server failed');
}

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Ends with SIGKILL: no shutdown handler runs, like a power cut for the process. */
  kill(): Promise<void>;
  /** Ends with SIGTERM and waits. */
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly port: number;
  readonly dataDir: string;
  readonly env?: Record<string, string>;
  readonly nodeArgs?: readonly string[];
}

export async function startServerProcess(opts: StartOptions): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${opts.port}`;
  // The production entry, as `npm start` runs it (call buildServer() once first).
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--enable-source-maps', 'dist/server/index.js'], {
    env: {
      ...process.env,
      PORT: String(opts.port),
      HOST: '127.0.0.1',
      DATA_DIR: opts.dataDir,
      LOG_LEVEL: 'warn',
      // Its first start makes the scripts' beheerder (scripts/lib/accounts.ts): creating sessions needs an account.
      ...adminEnv,
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout?.resume();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not become ready within 30 s');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    child,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
