import { escapeUnstorable } from './text';

/**
 * `record` with each of its string fields (and strings in array fields) passed through
 * `escapeUnstorable`, one level deep. For records of refused input only (a rejected change, a
 * notification that could not be stored), so that the record itself cannot fail the same way.
 */
export function escapeUnstorableFields<T extends object>(record: T): T {
  const escape = (value: unknown): unknown =>
    typeof value === 'string' ? escapeUnstorable(value) : Array.isArray(value) ? (value as unknown[]).map((item) => (typeof item === 'string' ? escapeUnstorable(item) : item)) : value;
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, escape(value)])) as T;
}
