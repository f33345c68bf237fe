/** OTRS priority names by number. */
export const PRIORITY_NAMES = ['1 very low', '2 low', '3 normal', '4 high', '5 very high'] as const;

export type PriorityName = (typeof PRIORITY_NAMES)[number];

export const DEFAULT_PRIORITY = 3;

/** Maps 1..5 or an OTRS priority name to its number; undefined for anything else. */
export function parsePriority(input: unknown): number | undefined {
  if (typeof input === 'number') return Number.isInteger(input) && input >= 1 && input <= 5 ? input : undefined;
  if (typeof input !== 'string') return undefined;
  const index = (PRIORITY_NAMES as readonly string[]).indexOf(input.trim().toLowerCase());
  if (index >= 0) return index + 1;
  return /^[1-5]$/.test(input.trim()) ? Number(input.trim()) : undefined;
}

/** The OTRS name of a priority number. */
export function priorityName(priority: number): PriorityName {
  return PRIORITY_NAMES[Math.min(Math.max(Math.round(priority), 1), 5) - 1] as PriorityName;
}
