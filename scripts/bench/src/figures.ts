/** Small helpers for the benchmarks' command lines and printed figures. */

export const say = (line = ''): void => void process.stdout.write(`${line}\n`);

/** `--name <number>`, else `fallback`; a value that is not a positive number stops the run. */
export function numberOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

/** `--name <text>` (one of `allowed`), else `fallback`. */
export function choiceOption<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = process.argv[index + 1] as T;
  if (!allowed.includes(value)) throw new Error(`--${name} must be one of ${allowed.join(', ')}`);
  return value;
}

/** `--name a,b,c` as numbers, else `fallback`. */
export function listOption(name: string, fallback: number[]): number[] {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const values = (process.argv[index + 1] ?? '').split(',').map(Number);
  if (values.length === 0 || values.some((v) => !Number.isFinite(v) || v <= 0)) throw new Error(`--${name} must be a comma-separated list of positive numbers`);
  return values;
}

export const flag = (name: string): boolean => process.argv.includes(`--${name}`);

/**
 * Every `--set dotted.path=value` (repeatable): settings of config/temporal.yaml the run changes, as
 * [path, value] with numbers and booleans parsed (`--set temporal.worker.max_concurrent_workflows=40`).
 */
export function setOptions(): [string[], unknown][] {
  const settings: [string[], unknown][] = [];
  process.argv.forEach((arg, index) => {
    if (arg !== '--set') return;
    const [path, raw] = (process.argv[index + 1] ?? '').split(/=(.*)/s);
    if (!path || raw === undefined) throw new Error('--set takes dotted.path=value');
    const value = raw === 'true' ? true : raw === 'false' ? false : raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
    settings.push([path.split('.'), value]);
  });
  return settings;
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** `p50 12 ms, p99 40 ms, max 51 ms (n=300)` of values in milliseconds. */
export function latencySummary(values: readonly number[]): string {
  if (values.length === 0) return 'no answers';
  const sorted = [...values].sort((a, b) => a - b);
  const ms = (v: number) => `${Math.round(v)} ms`;
  return `p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted.at(-1)!)} (n=${sorted.length})`;
}

/** `201 95.0%, 202 5.0%` of status codes (or labels). */
export function shareSummary(statuses: readonly (number | string)[]): string {
  const counts = new Map<string, number>();
  for (const status of statuses) counts.set(String(status), (counts.get(String(status)) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([status, n]) => `${status} ${((100 * n) / statuses.length).toFixed(1)}%`).join(', ');
}

/** Rows of cells as an aligned text table (first column left, the others right). */
export function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
}

export async function runInParallel<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  }));
}
