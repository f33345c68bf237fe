/**
 * Text that PostgreSQL can store. A `text` or `jsonb` value cannot hold U+0000, and a lone UTF-16
 * surrogate has no UTF-8 form (the driver would silently turn it into U+FFFD; `jsonb` refuses its
 * `\uD800` escape). Every string that enters the product, over REST or over Temporal, is checked
 * against this rule at the door, so that no write can fail on it later.
 */

/** JSON Schema `pattern` (compiled with the `u` flag) of a storable string. */
export const STORABLE_TEXT_PATTERN = '^[^\\u0000\\uD800-\\uDFFF]*$';

/**
 * JSON Schema `pattern` of a storable string that is not blank. Linear time: the leading `\s*` and
 * the first non-space character cannot overlap, so a failed match never backtracks far.
 */
export const STORABLE_NOT_BLANK_PATTERN = '^\\s*[^\\s\\u0000\\uD800-\\uDFFF][^\\u0000\\uD800-\\uDFFF]*$';

// With the `u` flag a surrogate pair is one code point, so only unpaired surrogates match.
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/u;

/** Why `value` cannot be stored, or undefined when it can. */
export function unstorableReason(value: string): string | undefined {
  const match = UNSTORABLE.exec(value);
  if (!match) return undefined;
  return match[0] === '\u0000' ? 'must not contain the NUL character (U+0000)' : 'must not contain an unpaired UTF-16 surrogate';
}

/** Whether `value` can be stored as PostgreSQL text. */
export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

/**
 * `value` made storable for a record of what was refused: NUL and unpaired surrogates are written as
 * their `\uXXXX` escapes. Only for describing rejected input, never for data that is accepted.
 */
export function escapeUnstorable(value: string): string {
  return value.replace(/[\u0000\uD800-\uDFFF]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
