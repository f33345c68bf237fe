import type { JWTPayload } from 'jose';
import { invalidToken } from './auth-failure';
import { ROLES, type Role, type UserCaller } from './caller';

const MAX_TEXT = 320;
const PRINTABLE = /^[^\s\x00-\x1f\x7f]+$/;

/** A claim value for an error message, when short and printable; else its type. */
function shown(value: unknown): string {
  if (typeof value === 'string' && value.length <= 40 && PRINTABLE.test(value)) return `"${value}"`;
  return `a ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}`;
}

function text(payload: JWTPayload, claim: string): string {
  const value = payload[claim];
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TEXT || !PRINTABLE.test(value)) {
    throw invalidToken(value === undefined ? `the token has no "${claim}" claim` : `the "${claim}" claim must be a non-blank string`);
  }
  return value;
}

function role(payload: JWTPayload): Role {
  const value = payload.role;
  if (value === undefined) throw invalidToken('the token carries no role: it is not an access token (a GOTRS refresh token?)');
  if (!(ROLES as readonly unknown[]).includes(value)) throw invalidToken(`the role ${shown(value)} is not one of ${ROLES.join(', ')}`);
  return value as Role;
}

/** A positive integer ID (Go's uint; 0 is Go's "not set"), as a decimal string. */
function positiveId(payload: JWTPayload, claim: string): string | null {
  const value = payload[claim];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalidToken(`the "${claim}" claim must be a non-negative integer, not ${shown(value)}`);
  }
  return value === 0 ? null : String(value);
}

/**
 * The person a verified token names. GOTRS tokens must carry `user_id` (a positive number), `email`
 * and `role`; an identity provider's tokens `email` and `role`, with `user_id` optional (else `sub`).
 */
export function userFromClaims(payload: JWTPayload, method: UserCaller['method']): UserCaller {
  const userRole = role(payload);
  const subject = text(payload, 'sub');
  const userId = positiveId(payload, 'user_id');
  if (method === 'gotrs-token' && userId === null) throw invalidToken('the token has no "user_id" (a positive number)');
  return {
    kind: 'user',
    id: userId ?? subject,
    email: text(payload, 'email'),
    role: userRole,
    tenantId: positiveId(payload, 'tenant_id'),
    method,
    issuer: text(payload, 'iss'),
    subject,
  };
}
