/**
 * What a participant's phone downloads: the app shell (index.html), the entry script and
 * its static imports, the entry CSS, and the lazily loaded participant page
 * (client/src/participant/ParticipantPage.svelte → assets/ParticipantPage-*.js) with its
 * static imports and CSS. Sizes are gzip level 9 per file, summed.
 *
 * Uses the Vite manifest when the build has one (dist/client/.vite/manifest.json), else
 * reads index.html and follows `import … from "./x.js"` in the minified code.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface BundleFile {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Brotli at quality 11: what the server actually sends to browsers that accept it. */
  readonly brotliBytes: number;
}

export interface BundleReport {
  /** Null when the client could not be built or read. */
  readonly participantJsGzKb: number | null;
  readonly participantTotalGzKb: number | null;
  readonly participantJsBrKb: number | null;
  /** JS a phone fetches after joining (the dialogue steps' chunk, client/src/participant/StepView.svelte, evolve and the outbox). */
  readonly afterJoinJsGzKb: number | null;
  readonly participantTotalBrKb: number | null;
  readonly files: readonly BundleFile[];
  readonly method: 'manifest' | 'html' | 'none';
  readonly note: string | null;
  /** True when the bench ran `vite build` itself. */
  readonly built: boolean;
}

const none = (note: string, built: boolean): BundleReport => ({
  participantJsGzKb: null,
  participantTotalGzKb: null,
  participantJsBrKb: null,
  participantTotalBrKb: null,
  afterJoinJsGzKb: null,
  files: [],
  method: 'none',
  note,
  built,
});

/**
 * Builds the client (about 2 s), always: a dist/ left from another build (dev options,
 * older code) would make the size figures wrong. Returns an error text or null.
 */
export function ensureClientBuilt(root: string, clientDir: string): { built: boolean; error: string | null } {
  console.log('building the client (npm run build:client) …');
  const res = spawnSync('npm', ['run', '--silent', 'build:client', '--', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (res.status !== 0 || !existsSync(path.join(clientDir, 'index.html'))) {
    return { built: true, error: `vite build failed (exit ${res.status ?? res.signal}); bundle sizes are not measured` };
  }
  return { built: true, error: null };
}

const STATIC_IMPORT = /(?:\bfrom\s*|\bimport\s*)["'`](\.\/[^"'`]+?\.js)["'`]/g;

function staticImports(code: string): string[] {
  const out = new Set<string>();
  for (const m of code.matchAll(STATIC_IMPORT)) {
    // `import("./x.js")` is dynamic: the regex does not match it (the quote must follow `import` directly or after spaces).
    out.add(m[1]!);
  }
  return [...out];
}

/** Follows static imports from `start` (a path relative to clientDir). */
function closure(clientDir: string, start: string, seen: Set<string>): void {
  if (seen.has(start)) return;
  const abs = path.join(clientDir, start);
  if (!existsSync(abs)) throw new Error(`missing asset ${start}`);
  seen.add(start);
  const code = readFileSync(abs, 'utf8');
  for (const rel of staticImports(code)) closure(clientDir, path.posix.join(path.posix.dirname(start), rel), seen);
}

/** url(...) references inside CSS (fonts, images) that the browser fetches as well. */
function cssAssets(clientDir: string, cssFile: string): string[] {
  const css = readFileSync(path.join(clientDir, cssFile), 'utf8');
  const out: string[] = [];
  for (const m of css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
    const ref = m[1]!;
    if (ref.startsWith('data:') || /^[a-z]+:/i.test(ref)) continue;
    const rel = ref.startsWith('/') ? ref.slice(1) : path.posix.join(path.posix.dirname(cssFile), ref);
    if (existsSync(path.join(clientDir, rel))) out.push(rel);
  }
  return out;
}

function sizeOf(clientDir: string, file: string): BundleFile {
  const buf = readFileSync(path.join(clientDir, file));
  const brotliBytes = brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { file, bytes: buf.length, gzipBytes: gzipSync(buf, { level: 9 }).length, brotliBytes };
}

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  assets?: string[];
}

function fromManifest(clientDir: string, manifestPath: string): { js: Set<string>; css: Set<string> } {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
  const js = new Set<string>();
  const css = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || js.has(chunk.file)) return;
    js.add(chunk.file);
    for (const c of chunk.css ?? []) css.add(c);
    for (const i of chunk.imports ?? []) visit(i);
  };
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  const participant = Object.keys(manifest).find((k) => /participant\/ParticipantPage\.svelte$/.test(k));
  if (!entry || !participant) throw new Error('manifest without an entry or a ParticipantPage chunk');
  visit(entry);
  visit(participant);
  void clientDir;
  return { js, css };
}

function fromHtml(clientDir: string, html: string): { js: Set<string>; css: Set<string> } {
  const js = new Set<string>();
  const css = new Set<string>();
  const local = (href: string) => (href.startsWith('/') ? href.slice(1) : href.replace(/^\.\//, ''));
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) closure(clientDir, local(m[1]!), js);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"[^>]*>/g)) closure(clientDir, local(m[1]!), js);
  for (const m of html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"[^>]*>/g)) css.add(local(m[1]!));
  if (js.size === 0) throw new Error('index.html has no entry script');

  // The participant page chunk: named after the component; prefer the one the entry refers to.
  const assets = readdirSync(path.join(clientDir, 'assets'));
  const candidates = assets.filter((f) => /^ParticipantPage-[^.]+\.js$/.test(f));
  if (candidates.length === 0) throw new Error('no assets/ParticipantPage-*.js chunk in the build');
  const entryCode = [...js].map((f) => readFileSync(path.join(clientDir, f), 'utf8')).join('\n');
  const chunk = candidates.find((f) => entryCode.includes(f)) ?? candidates[0]!;
  closure(clientDir, `assets/${chunk}`, js);

  // CSS of the lazy chunk: Vite lists it in the preload deps of that dynamic import (__vite__mapDeps).
  const depsList = /m\.f=\[([^\]]*)\]/.exec(entryCode)?.[1];
  const callDeps = new RegExp(`${chunk.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\`"']\\)\\s*,\\s*__vite__mapDeps\\(\\[([0-9,\\s]*)\\]`).exec(entryCode)?.[1];
  if (depsList && callDeps) {
    const files = [...depsList.matchAll(/["'`]([^"'`]+)["'`]/g)].map((m) => m[1]!);
    for (const i of callDeps.split(',').map((s) => Number(s.trim()))) {
      const f = files[i];
      if (f?.endsWith('.css')) css.add(local(f));
    }
  } else {
    for (const f of assets) if (/^ParticipantPage-[^.]+\.css$/.test(f)) css.add(`assets/${f}`);
  }
  return { js, css };
}

export function measureParticipantBundle(root: string, clientDir: string): BundleReport {
  const { built, error } = ensureClientBuilt(root, clientDir);
  if (error) return none(error, built);
  try {
    const html = readFileSync(path.join(clientDir, 'index.html'), 'utf8');
    const manifestPath = path.join(clientDir, '.vite', 'manifest.json');
    let method: BundleReport['method'] = 'html';
    let sets: { js: Set<string>; css: Set<string> };
    if (existsSync(manifestPath)) {
      try {
        sets = fromManifest(clientDir, manifestPath);
        method = 'manifest';
      } catch {
        sets = fromHtml(clientDir, html);
      }
    } else {
      sets = fromHtml(clientDir, html);
    }
    const jsFiles = [...sets.js].map((f) => sizeOf(clientDir, f));
    const cssFiles = [...sets.css].map((f) => sizeOf(clientDir, f));
    const extra = [...new Set([...sets.css].flatMap((c) => cssAssets(clientDir, c)))].map((f) => sizeOf(clientDir, f));
    const htmlFile = sizeOf(clientDir, 'index.html');
    const jsGz = jsFiles.reduce((s, f) => s + f.gzipBytes, 0);
    const all = [htmlFile, ...jsFiles, ...cssFiles, ...extra];
    const totalGz = all.reduce((s, f) => s + f.gzipBytes, 0);
    // Counted apart, so the figure above is what a phone needs to join and nothing is hidden.
    const later = new Set<string>();
    // The dialogue steps (fetched in the lobby), `evolve` (fetched while joining, used once in)
    // and the outbox of writes (fetched right after joining).
    for (const f of readdirSync(path.join(clientDir, 'assets'))) if (/^(StepView|evolve|outbox\.svelte)-[^.]+\.js$/.test(f)) closure(clientDir, `assets/${f}`, later);
    const afterJoin = [...later].filter((f) => !sets.js.has(f)).map((f) => sizeOf(clientDir, f));
    return {
      afterJoinJsGzKb: afterJoin.reduce((s, f) => s + f.gzipBytes, 0) / 1024,
      participantJsGzKb: jsGz / 1024,
      participantTotalGzKb: totalGz / 1024,
      participantJsBrKb: jsFiles.reduce((s, f) => s + f.brotliBytes, 0) / 1024,
      participantTotalBrKb: all.reduce((s, f) => s + f.brotliBytes, 0) / 1024,
      files: all,
      method,
      note: null,
      built,
    };
  } catch (err) {
    return none(`could not read the built client: ${(err as Error).message}; bundle sizes are not measured`, built);
  }
}
