import { createHash, randomUUID } from 'node:crypto';
import { nameBasedUuid } from '@gotrs/db';

/**
 * A name-based UUID (RFC 9562 version 8 over SHA-256) of `kind`, the caller's scope and an
 * Idempotency-Key: the same caller's same key always names the same thing; another caller's equal
 * key names another (the parts are JSON-encoded, so no two triples run together).
 */
export function scopedId(kind: string, callerScope: string, idempotencyKey: string): string {
  return nameBasedUuid(JSON.stringify([kind, callerScope, idempotencyKey]));
}

/**
 * The ID of a new ticket: random, or with an Idempotency-Key the caller's name-based UUID, so that
 * the caller's retried create targets the same workflow ID `ticket-{id}`.
 */
export function newTicketId(callerScope: string, idempotencyKey?: string): string {
  return idempotencyKey === undefined ? randomUUID() : scopedId('gotrs-ticket', callerScope, idempotencyKey);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 of a request in canonical JSON (sorted keys): tells a retry from a different request. */
export function requestHash(request: object): string {
  return createHash('sha256').update(canonicalJson(request), 'utf8').digest('hex');
}
