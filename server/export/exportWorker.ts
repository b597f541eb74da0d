/**
 * The export process: writes report files. ExportRunner (exportRunner.ts) forks it, sends
 * a session's id (it loads the session from the store) or its state as JSON, and the format,
 * over the IPC channel, and gets the file back as bytes.
 * One file at a time; the server's event loop never runs a writer, and the writers' memory
 * (docx, exceljs, the parsed state: 75–140 MB at 2,000 people) is this process's, returned
 * to the system when it exits, never the server's.
 */
import type { SessionState } from '../../shared/domain/types.ts';
import { restoreState } from '../sessions/restore.ts';
import { openStoreReader, type StoreAddress, type StoreReader } from '../store/storeAddress.ts';
import { EXPORT_SOURCE_ENV, type ExportReply, type ExportRequest } from './exportProtocol.ts';
import { writeExport } from './formats.ts';
import { writeProgrammeExport, type ProgrammeExportInput } from './programme.ts';

const send = process.send?.bind(process);
if (!send) throw new Error('exportWorker.ts runs only as a child process with an IPC channel (see exportRunner.ts)');

const peakRssBytes = (): number => process.resourceUsage().maxRSS * 1024;

const sourceJson = process.env[EXPORT_SOURCE_ENV];
const source = sourceJson ? (JSON.parse(sourceJson) as StoreAddress) : null;
let reader: Promise<StoreReader> | null = null;

/** The session as stored now (its snapshot and the commits after it). */
async function storedState(sessionId: string): Promise<SessionState> {
  if (!source) throw new Error('the export process was given no store to read sessions from');
  reader ??= openStoreReader(source);
  const state = restoreState(await (await reader).loadLatest(sessionId));
  if (!state) throw new Error(`session ${sessionId} is not in the store`);
  return state;
}

// One at a time, in order: a second request waits for the first file.
let queue = Promise.resolve();
process.on('message', (req: ExportRequest) => {
  queue = queue.then(async () => {
    try {
      const buf =
        'programme' in req
          ? await writeProgrammeExport(req.programme, JSON.parse(req.inputJson) as ProgrammeExportInput)
          : await writeExport(req.format, 'sessionId' in req ? await storedState(req.sessionId) : (JSON.parse(req.stateJson) as SessionState));
      send({ id: req.id, ok: true, body: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), peakRssBytes: peakRssBytes() } satisfies ExportReply);
    } catch (err) {
      send({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err), peakRssBytes: peakRssBytes() } satisfies ExportReply);
    }
  });
});
// The server went away (even by SIGKILL): nothing is left to write for.
process.on('disconnect', () => process.exit(0));
