const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `500ms`, `1s`, `1.5m`, `2h` or a bare number of milliseconds into milliseconds. */
export function parseDurationMs(input: string | number): number {
  if (typeof input === 'number') return input;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(input);
  if (!match) throw new Error(`not a duration: "${input}" (expected e.g. 500ms, 1s, 10m)`);
  return Math.round(Number(match[1]) * UNIT_MS[match[2] ?? 'ms']!);
}

/** A day in milliseconds, for the bounds of duration settings. */
export const DAY_MS = 86_400_000;

/**
 * The duration setting `section.setting` in milliseconds, bounded to [min, max]; a malformed or
 * out-of-range value adds a problem naming the setting (and answers 0 when it cannot be read).
 */
export function boundedDurationMs(problems: string[], section: string, setting: string, value: string | number, min: number, max: number): number {
  let ms: number;
  try {
    ms = parseDurationMs(value);
  } catch (error) {
    problems.push(`${section}.${setting}: ${(error as Error).message}`);
    return 0;
  }
  if (ms < min || ms > max) problems.push(`${section}.${setting}: must be between ${min} ms and ${max} ms (got ${ms} ms)`);
  return ms;
}
