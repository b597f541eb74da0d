/**
 * The built client is sent precompressed: Brotli to browsers that accept it, gzip to
 * others, the plain file otherwise, always with the right type, and the same bytes after
 * decoding. Client routes get the app shell.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressDir } from '../../scripts/compress-assets.ts';
import { startServer, type TestServer } from './harness.ts';

/** A GET that does not decode the body (fetch would), so the test sees what travels. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('static client files', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'samenspraak-static-'));
  const js = `export const x = ${JSON.stringify('samenspraak '.repeat(500))};\n`;
  let server: TestServer;

  beforeAll(async () => {
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Samenspraak</title>');
    writeFileSync(path.join(dir, 'assets', 'app-abc123.js'), js);
    compressDir(dir);
    server = await startServer({ clientDir: dir });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends Brotli, then gzip, then the plain file, with the JavaScript type and long caching', async () => {
    const url = `${server.url}/assets/app-abc123.js`;
    const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('text/javascript');
    expect(br.headers['cache-control']).toContain('immutable');
    expect(br.headers.vary).toContain('Accept-Encoding');
    expect(brotliDecompressSync(br.body).toString()).toBe(js);
    expect(br.body.length).toBeLessThan(js.length / 5);

    const gz = await get(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(js);

    const plain = await get(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(js);
  });

  it('answers client routes with the app shell and never serves files outside the client folder', async () => {
    expect((await get(`${server.url}/j/ABC234`)).body.toString()).toContain('<title>Samenspraak</title>');
    const escape = await get(`${server.url}/assets/..%2f..%2fpackage.json`, { 'accept-encoding': 'br' });
    expect(escape.body.toString()).not.toContain('"dependencies"');
  });
});
