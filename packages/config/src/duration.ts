const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `500ms`, `1s`, `1.5m`, `2h` or a bare number of milliseconds into milliseconds. */
export function parseDurationMs(input: string | number): number {
  if (typeof input === 'number') return input;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(input);
  if (!match) throw new Error(`not a duration: "${input}" (expected e.g. 500ms, 1s, 10m)`);
  return Math.round(Number(match[1]) * UNIT_MS[match[2] ?? 'ms']!);
}
