import { randomUUID } from 'node:crypto';
import { scopedId } from '../tickets/ticket-id';

/**
 * The ID of an ad-hoc notification: random, or with an Idempotency-Key the caller's name-based UUID
 * (see scopedId), so the caller's retried request targets the same `notification-{id}` and another
 * caller's equal key never meets it.
 */
export function newNotificationId(callerScope: string, idempotencyKey?: string): string {
  return idempotencyKey === undefined ? randomUUID() : scopedId('gotrs-notification', callerScope, idempotencyKey);
}
