import { createHash } from 'node:crypto';

/**
 * A name-based UUID (RFC 9562 version 8 over SHA-256) of `name`: the same name always gives the same
 * ID, so a retried request or activity targets the same row and workflow ID (idempotency keys,
 * notification occurrences). Callers compose `name` so that no two of their inputs run together.
 */
export function nameBasedUuid(name: string): string {
  const bytes = createHash('sha256').update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
