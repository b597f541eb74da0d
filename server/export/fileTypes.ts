/**
 * What the HTTP routes need to know about a download (its name, extension, content type and,
 * for the HTML report, its Content-Security-Policy), apart from the writers. The writers pull
 * in docx, exceljs and resvg (tens of MB of heap once loaded); they run only in the export
 * process (exportWorker.ts), so nothing the server process imports may import them. A test
 * (tests/unit/serverBundle.test.ts) keeps the server bundle free of them.
 */

export const EXPORT_FORMATS = {
  docx: { file: 'report.docx', ext: 'docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { file: 'export.xlsx', ext: 'xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  html: { file: 'report.html', ext: 'html', type: 'text/html; charset=utf-8' },
  md: { file: 'report.md', ext: 'md', type: 'text/markdown; charset=utf-8' },
  csv: { file: 'export.csv', ext: 'csv', type: 'text/csv; charset=utf-8' },
  'csv-excel-nl': { file: 'export.csv', ext: 'csv', type: 'text/csv; charset=utf-8' },
} as const;

export type ExportFormat = keyof typeof EXPORT_FORMATS;

/** The Content-Security-Policy the HTML report is served with: its inline styles and nothing else. */
export const REPORT_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** A programme's downloads (issue 12). */
export const PROGRAMME_FORMATS = {
  json: { ext: 'json', type: 'application/json; charset=utf-8' },
  docx: { ext: 'docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { ext: 'xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
} as const;

export type ProgrammeFormat = keyof typeof PROGRAMME_FORMATS;
