import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const serverPort = Number(process.env.PORT ?? 3000);
/** The repository root: the app's Vite root is client/, but tests live beside it. */
const repo = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: 'client',
  plugins: [svelte()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    // Inline nothing as data: URLs so the Content-Security-Policy can stay strict.
    assetsInlineLimit: 0,
  },
  server: {
    // `npm run dev`: Vite serves the client with hot reload and forwards API and sockets to the Node server.
    port: 5173,
    proxy: {
      '/api': `http://127.0.0.1:${serverPort}`,
      '/healthz': `http://127.0.0.1:${serverPort}`,
      '/socket.io': { target: `http://127.0.0.1:${serverPort}`, ws: true },
    },
  },
  // Tests: `npm test` runs every project; each runs from the repository root.
  test: {
    projects: [
      {
        root: repo,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        root: repo,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        root: repo,
        test: {
          name: 'e2e',
          // Each file drives a Chromium with many pages; two at once on two cores make timing flaky.
          fileParallelism: false,
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/support/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        root: repo,
        plugins: [svelte()],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.ts'],
          environment: 'jsdom',
          setupFiles: ['tests/component/setup.ts'],
          // Rendering the whole facilitator panel in jsdom takes seconds on a loaded 2-core machine.
          testTimeout: 20_000,
        },
      },
    ],
  },
});
