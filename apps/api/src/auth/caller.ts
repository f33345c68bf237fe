import type { Actor } from '@gotrs/contracts';
import type { Scope } from './scopes';

/** GOTRS's roles, spelled as its tokens spell them. */
export const ROLES = ['Admin', 'Agent', 'Customer'] as const;
export type Role = (typeof ROLES)[number];

/** How a caller proved who they are. */
export type AuthMethod = 'gotrs-token' | 'jwks-token' | 'api-key';

/** A person, from a verified GOTRS access token or an identity provider's token. */
export interface UserCaller {
  kind: 'user';
  /** GOTRS's `user_id` in decimal; for an identity provider's token without `user_id`, its `sub`. */
  id: string;
  /** Also who a Customer is: their tickets are those whose `customerUserId` is this, exactly. */
  email: string;
  role: Role;
  /** GOTRS's `tenant_id` (absent or 0: null). Recorded only: tickets carry no tenant yet. */
  tenantId: string | null;
  method: 'gotrs-token' | 'jwks-token';
  issuer: string;
  subject: string;
}

/** A script or integration, from an API key; it may do what its scopes say. */
export interface ApiKeyCaller {
  kind: 'api-key';
  id: string;
  name: string;
  scopes: Scope[];
  method: 'api-key';
}

export type Caller = UserCaller | ApiKeyCaller;

/**
 * Who did something, as history rows, SLA events, escalations and notifications record it: the
 * contracts' Actor of a verified caller. `label` is the user's email, `api-key:{name}`, or whom an
 * `actor:impersonate` key acted for (`onBehalfOf`, the name it gave).
 */
export type ActorRecord = Actor & { method: AuthMethod };

/** The actor record of `caller`, acting for `onBehalfOf` when a rule allowed it (see actor-rule.ts). */
export function actorOf(caller: Caller, onBehalfOf: string | null = null): ActorRecord {
  const base = caller.kind === 'user'
    ? { label: caller.email, method: caller.method, userId: caller.id, email: caller.email, keyId: null, keyName: null }
    : { label: `api-key:${caller.name}`, method: caller.method, userId: null, email: null, keyId: caller.id, keyName: caller.name };
  return onBehalfOf === null ? { ...base, onBehalfOf: null } : { ...base, label: onBehalfOf, onBehalfOf };
}

/**
 * A stable key per caller, for scoping Idempotency-Keys (two callers' equal keys never meet) and the
 * like: `user:{issuer}:{id}` or `api-key:{id}`.
 */
export function callerScope(caller: Caller): string {
  return caller.kind === 'user' ? `user:${caller.issuer}:${caller.id}` : `api-key:${caller.id}`;
}
