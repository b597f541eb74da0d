/**
 * `npm run dev`: the Node server (restarts on change) and Vite's dev server with hot
 * reload, side by side. Open http://localhost:5173; Vite forwards /api and sockets.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const children: ChildProcess[] = [
  spawn(process.execPath, ['--watch-path=server', '--watch-path=shared', '--import', 'tsx', 'server/index.ts'], {
    stdio: 'inherit',
    env: { ...process.env, HOST: process.env.HOST ?? '127.0.0.1' },
  }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js'], { stdio: 'inherit' }),
];

function stop(): void {
  for (const c of children) c.kill('SIGTERM');
}
for (const c of children) c.on('exit', (code) => {
  stop();
  process.exitCode = code ?? 0;
});
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
