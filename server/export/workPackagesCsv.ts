/**
 * The list of people who asked for the work packages (GET …/work-packages.csv): their
 * e-mail address and when they asked, in Dutch Excel's flavour (';', UTF-8 BOM). Nothing
 * else about them: no name, no group, no answers. Cells guarded against formulas like the
 * results' CSV.
 */
import { stringify } from 'csv-stringify/sync';
import type { WorkPackageRequest } from '../store/types.ts';
import { guardCell } from './csv.ts';
import { amsterdamIso } from './localTime.ts';

export const WORK_PACKAGES_HEADER = ['e-mailadres', 'gevraagd_op', 'toestemming'] as const;

export function workPackagesCsv(requests: readonly WorkPackageRequest[]): string {
  const rows = requests.map((r) => [guardCell(r.email), amsterdamIso(r.at), r.consentVersion]);
  return `\uFEFF${stringify([[...WORK_PACKAGES_HEADER], ...rows], { delimiter: ';', record_delimiter: 'windows', quote_record_delimiter: true })}`;
}
