import { createHash, randomUUID } from 'node:crypto';

/**
 * The ID of an ad-hoc notification: random, or with an Idempotency-Key a name-based UUID (version 8
 * over SHA-256 of the key), so a retried request targets the same `notification-{id}`.
 */
export function newNotificationId(idempotencyKey?: string): string {
  if (idempotencyKey === undefined) return randomUUID();
  const bytes = createHash('sha256').update(`gotrs-notification:${idempotencyKey}`, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
