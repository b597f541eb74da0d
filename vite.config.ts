import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const serverPort = Number(process.env.PORT ?? 3000);

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
});
