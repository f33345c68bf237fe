import { isStorableText } from '@gotrs/contracts';

/**
 * Opaque pagination cursors: base64url JSON of the last row's sort key, so clients treat them as
 * strings. Instants in a key are PostgreSQL's exact value (microseconds, see `cursorInstantSql`):
 * a key cut to JavaScript's milliseconds would skip the rows that share the millisecond.
 */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Raised for a cursor this service did not issue. */
export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
  constructor() {
    super('cursor is not one this service issued');
  }
}

/** Longer than any key this service writes (two IDs and an instant). */
const MAX_CURSOR_LENGTH = 2048;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Decodes a cursor and checks its shape with `guard`. Only the exact text `encodeCursor` writes is
 * accepted: other base64 spellings, extra JSON whitespace or reordered fields are refused, so every
 * cursor that passes is one the guard's rules could have come from.
 */
export function decodeCursor<T>(cursor: string, guard: (value: unknown) => value is T): T {
  if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) throw new InvalidCursorError();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (encodeCursor(value) !== cursor || !guard(value)) throw new InvalidCursorError();
  return value;
}

/**
 * SQL that writes a `timestamptz` column as cursor text: UTC, ISO 8601, all six fractional digits
 * (`2026-11-25T09:00:00.123456Z`). `$n::timestamptz` reads it back to the same value exactly.
 */
export function cursorInstantSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

const CURSOR_INSTANT = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * Whether `value` is an instant as `cursorInstantSql` writes it, naming a real date and time: its
 * millisecond part must round-trip through `Date` to the same text, which refuses `2020-02-30` (that
 * JavaScript rolls over to March and PostgreSQL rejects), `24:00`, leap seconds and year 0000.
 */
export function isCursorInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = CURSOR_INSTANT.exec(value);
  if (!match || match[1] === '0000') return false;
  const millis = `${value.slice(0, 23)}Z`;
  const parsed = Date.parse(millis);
  return !Number.isNaN(parsed) && new Date(parsed).toISOString() === millis;
}

/** Whether `value` is a key part this service could have written: non-empty text PostgreSQL can hold. */
export function isCursorText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && isStorableText(value);
}
