/**
 * The writer of each download format of a session (their names and content types: fileTypes.ts).
 * The writers are pure (state in, file out) and run in the export worker (exportWorker.ts),
 * never on the event loop: at 2,000 people a Word report takes seconds of CPU.
 */
import type { SessionState } from '../../shared/domain/types.ts';
import { buildSessionReport } from '../../shared/report/model.ts';
import { sessionCsv } from './csv.ts';
import { reportDocx } from './docx.ts';
import { reportHtml } from './html.ts';
import { reportMarkdown } from './markdown.ts';
import { reportXlsx } from './xlsx.ts';
import type { ExportFormat } from './fileTypes.ts';

/** Writes one format of a session. */
export async function writeExport(format: ExportFormat, state: SessionState): Promise<Buffer> {
  switch (format) {
    case 'csv':
      return Buffer.from(sessionCsv(state, 'plain'));
    case 'csv-excel-nl':
      return Buffer.from(sessionCsv(state, 'excel-nl'));
    case 'md':
      return Buffer.from(reportMarkdown(buildSessionReport(state)));
    case 'html':
      return Buffer.from(reportHtml(buildSessionReport(state)));
    case 'docx':
      return reportDocx(buildSessionReport(state));
    case 'xlsx':
      return reportXlsx(state, buildSessionReport(state));
  }
}
