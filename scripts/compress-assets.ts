/**
 * Part of `npm run build:client`: writes a Brotli (.br) and a gzip (.gz) copy next to every
 * text asset of the built client, once, at the highest levels. The server sends the
 * smallest copy the browser accepts (server/http/precompressed.ts), so a phone on venue
 * Wi-Fi downloads a fraction of the raw bytes and the server compresses nothing per request.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = /\.(js|css|html|svg|json|txt|map)$/;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else if (TEXT.test(name)) yield full;
  }
}

export interface CompressResult {
  readonly raw: number;
  readonly gz: number;
  readonly br: number;
}

export function compressDir(dir: string): CompressResult {
  let raw = 0;
  let br = 0;
  let gz = 0;
  for (const file of files(path.resolve(dir))) {
    const data = readFileSync(file);
    const b = brotliCompressSync(data, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    });
    const g = gzipSync(data, { level: 9 });
    writeFileSync(`${file}.br`, b);
    writeFileSync(`${file}.gz`, g);
    raw += data.length;
    br += b.length;
    gz += g.length;
  }
  return { raw, gz, br };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { raw, gz, br } = compressDir(process.argv[2] ?? 'dist/client');
  console.log(`compressed client assets: ${(raw / 1024).toFixed(0)} KB raw, ${(gz / 1024).toFixed(0)} KB gzip, ${(br / 1024).toFixed(0)} KB brotli`);
}
