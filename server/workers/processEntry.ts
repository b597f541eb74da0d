/**
 * How to start one of the server's helper processes (child_process.fork): the file and the
 * Node options. From the bundle (npm start): `<name>.js` beside the server's index.js (built
 * as its own entry, see package.json's build:server). From source (tests, scripts under
 * tsx): `<name>.ts` beside the caller, loaded with tsx.
 *
 * The options are given, never inherited: a server started with --cpu-prof or --inspect
 * must not pass them on to its helpers.
 */
import { fileURLToPath } from 'node:url';

export function processEntry(name: string, callerUrl: string): { file: string; execArgv: string[] } {
  if (!callerUrl.endsWith('.ts')) return { file: fileURLToPath(new URL(`./${name}.js`, callerUrl)), execArgv: ['--enable-source-maps'] };
  return { file: fileURLToPath(new URL(`./${name}.ts`, callerUrl)), execArgv: ['--import', import.meta.resolve('tsx')] };
}
