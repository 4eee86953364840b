/** Summaries of repeated measurements, and the results table that `npm run bench` prints and saves. */

export interface BenchResult {
  name: string;
  unit: string;
  median: number;
  p95: number;
  /** The design budget; absent when the line is informative only. */
  budget?: number;
  /** How the budget was reached when it is a ratio to a floor measured in the same run (e.g. `1.5 × …`). */
  budgetLabel?: string;
  /**
   * The same measurement done the way existing clients do it, in the same run by the same method (a figure from
   * elsewhere says "cited" and its source in the line's name).
   */
  baseline?: number;
  /** What the baseline is, in a few words. */
  baselineLabel?: string;
}

export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index];
}

export function summarise(name: string, unit: string, samples: readonly number[], extra: Partial<BenchResult> = {}): BenchResult {
  return { name, unit, median: round(quantile(samples, 0.5)), p95: round(quantile(samples, 0.95)), ...extra };
}

export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 1000) / 1000;
}

/** A budget is met when the p95 (or the median, for single-run lines) is within it. */
export function meetsBudget(r: BenchResult): boolean {
  return r.budget === undefined || r.p95 <= r.budget;
}

export function formatTable(results: readonly BenchResult[]): string {
  const rows = results.map((r) => [
    r.name,
    `${r.median} ${r.unit}`,
    `${r.p95} ${r.unit}`,
    r.budget === undefined ? '' : `${r.budget} ${r.unit}${r.budgetLabel ? ` (${r.budgetLabel})` : ''}`,
    r.baseline === undefined ? '' : `${r.baseline} ${r.unit}${r.baselineLabel ? ` (${r.baselineLabel})` : ''}`,
    r.budget === undefined ? '' : meetsBudget(r) ? 'met' : 'MISSED',
  ]);
  const header = ['measure', 'median', 'p95', 'budget', 'baseline', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
