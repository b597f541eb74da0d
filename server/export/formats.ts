/**
 * The download formats of a session, each with its file extension, content type and writer.
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

export const EXPORT_FORMATS = {
  docx: { file: 'report.docx', ext: 'docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { file: 'export.xlsx', ext: 'xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  html: { file: 'report.html', ext: 'html', type: 'text/html; charset=utf-8' },
  md: { file: 'report.md', ext: 'md', type: 'text/markdown; charset=utf-8' },
  csv: { file: 'export.csv', ext: 'csv', type: 'text/csv; charset=utf-8' },
  'csv-excel-nl': { file: 'export.csv', ext: 'csv', type: 'text/csv; charset=utf-8' },
} as const;

export type ExportFormat = keyof typeof EXPORT_FORMATS;

export const isExportFormat = (x: string): x is ExportFormat => Object.hasOwn(EXPORT_FORMATS, x);

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
