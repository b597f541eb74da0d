/**
 * Where a worker thread's code is. From the bundle (npm start): `<name>.js` beside the
 * server's index.js (the build bundles each worker as its own entry, see package.json's
 * build:server). From source (tests, scripts under tsx): `<name>.ts` beside the caller,
 * loaded through tsx's API, because a worker started with `--import tsx` in its execArgv
 * still cannot load a .ts entry on Node 20.
 *
 * `callerUrl` is the caller's import.meta.url: in source, the worker's file sits beside the
 * caller's; in the bundle every module's import.meta.url is index.js's, beside the workers.
 */
export function workerEntry(name: string, callerUrl: string): URL {
  if (!callerUrl.endsWith('.ts')) return new URL(`./${name}.js`, callerUrl);
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const boot = `import { tsImport } from ${JSON.stringify(tsxApi)}; await tsImport(${JSON.stringify(entry)}, import.meta.url);`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}
