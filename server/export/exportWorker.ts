/**
 * The export process: writes report files. ExportRunner (exportRunner.ts) forks it, sends
 * the state as JSON and the format over the IPC channel, and gets the file back as bytes.
 * One file at a time; the server's event loop never runs a writer, and the writers' memory
 * (docx, exceljs, the parsed state: 75–140 MB at 2,000 people) is this process's, returned
 * to the system when it exits, never the server's.
 */
import type { SessionState } from '../../shared/domain/types.ts';
import type { ExportFormat, ProgrammeFormat } from './fileTypes.ts';
import { writeExport } from './formats.ts';
import { writeProgrammeExport, type ProgrammeExportInput } from './programme.ts';

/** A session's file (format and state), or a programme's (issue 12: its sessions' states and the filters). */
export type ExportRequest =
  | { readonly id: number; readonly format: ExportFormat; readonly stateJson: string }
  | { readonly id: number; readonly programme: ProgrammeFormat; readonly inputJson: string };
/** `peakRssBytes`: this process's largest resident size so far (for the benchmark's figures). */
export type ExportReply = { readonly id: number; readonly peakRssBytes: number } & (
  | { readonly ok: true; readonly body: Uint8Array }
  | { readonly ok: false; readonly error: string }
);

const send = process.send?.bind(process);
if (!send) throw new Error('exportWorker.ts runs only as a child process with an IPC channel (see exportRunner.ts)');

const peakRssBytes = (): number => process.resourceUsage().maxRSS * 1024;

// One at a time, in order: a second request waits for the first file.
let queue = Promise.resolve();
process.on('message', (req: ExportRequest) => {
  queue = queue.then(async () => {
    try {
      const buf =
        'programme' in req
          ? await writeProgrammeExport(req.programme, JSON.parse(req.inputJson) as ProgrammeExportInput)
          : await writeExport(req.format, JSON.parse(req.stateJson) as SessionState);
      send({ id: req.id, ok: true, body: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), peakRssBytes: peakRssBytes() } satisfies ExportReply);
    } catch (err) {
      send({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err), peakRssBytes: peakRssBytes() } satisfies ExportReply);
    }
  });
});
// The server went away (even by SIGKILL): nothing is left to write for.
process.on('disconnect', () => process.exit(0));
