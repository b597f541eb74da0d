/**
 * Small statistics and formatting helpers for `npm run bench`.
 */

/** One clock for every thread of the bench process: high resolution, comparable across worker_threads. */
export const clock = (): number => performance.timeOrigin + performance.now();

export interface Summary {
  readonly count: number;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly max: number | null;
  readonly mean: number | null;
}

/** Nearest-rank percentile of an ascending array. */
function rank(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarise(values: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    p50: rank(sorted, 50),
    p95: rank(sorted, 95),
    p99: rank(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : null,
    mean: sorted.length ? sum / sorted.length : null,
  };
}

/** Rounds to `digits` decimals, keeping null. */
export function round(v: number | null | undefined, digits = 1): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export function fmt(v: number | null | undefined, digits = 1): string {
  const r = round(v, digits);
  return r === null ? '—' : r.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function fmtSummary(s: Summary, unit = 'ms'): string {
  if (s.count === 0) return '— (no samples)';
  return `p50 ${fmt(s.p50)} / p95 ${fmt(s.p95)} / p99 ${fmt(s.p99)} / max ${fmt(s.max)} ${unit} (n=${s.count.toLocaleString('en-US')})`;
}

export type Verdict = 'pass' | 'fail' | 'n/a';

export interface Budget {
  /** Human text, e.g. "< 250 ms". */
  readonly text: string;
  readonly check: (v: number) => boolean;
}

export const lt = (limit: number, unit: string): Budget => ({ text: `< ${limit.toLocaleString('en-US')} ${unit}`.trim(), check: (v) => v < limit });
export const le = (limit: number, unit: string): Budget => ({ text: `≤ ${limit.toLocaleString('en-US')} ${unit}`.trim(), check: (v) => v <= limit });
export const eq = (value: number): Budget => ({ text: `= ${value}`, check: (v) => v === value });

export function verdict(value: number | null, budget: Budget | undefined): Verdict {
  if (!budget || value === null || !Number.isFinite(value)) return 'n/a';
  return budget.check(value) ? 'pass' : 'fail';
}

export const mark = (v: Verdict): string => (v === 'pass' ? '✓' : v === 'fail' ? '✗' : ' ');

export interface Row {
  readonly label: string;
  readonly value: string;
  readonly budget?: string;
  readonly verdict?: Verdict;
}

/** A plain-text table: ✓/✗, figure, value, budget. */
export function table(title: string, rows: readonly Row[]): string {
  const w0 = Math.max(6, ...rows.map((r) => r.label.length));
  const out = [`\n${title}`];
  for (const r of rows) {
    const m = r.verdict ? mark(r.verdict) : ' ';
    const budget = r.budget ? `   (budget ${r.budget})` : '';
    out.push(`  ${m} ${r.label.padEnd(w0)}  ${r.value}${budget}`);
  }
  return out.join('\n');
}
