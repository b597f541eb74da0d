/**
 * The export worker thread: writes report files (exports.ts's ExportRunner sends the state
 * as JSON and the format; the file goes back as bytes, transferred, not copied). One file
 * at a time; the event loop of the server never runs a writer.
 */
import { parentPort } from 'node:worker_threads';
import type { SessionState } from '../../shared/domain/types.ts';
import { writeExport, type ExportFormat } from './formats.ts';

export interface ExportRequest {
  readonly id: number;
  readonly format: ExportFormat;
  readonly stateJson: string;
}
export type ExportReply = { readonly id: number; readonly ok: true; readonly body: Uint8Array } | { readonly id: number; readonly ok: false; readonly error: string };

const port = parentPort;
if (!port) throw new Error('exportWorker.ts runs only as a worker thread');

port.on('message', (req: ExportRequest) => {
  void (async () => {
    try {
      const state = JSON.parse(req.stateJson) as SessionState;
      const buf = await writeExport(req.format, state);
      // A copy that owns its memory, so it can be transferred (Buffers may share a pool).
      const body = new Uint8Array(buf);
      port.postMessage({ id: req.id, ok: true, body } satisfies ExportReply, [body.buffer]);
    } catch (err) {
      port.postMessage({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies ExportReply);
    }
  })();
});
