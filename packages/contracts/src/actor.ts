import { DecodeError, Fields, isDict, type DecodeOptions } from './fields';

/**
 * How an actor proved who they are: a GOTRS access token, an identity provider's token or an API
 * key (all verified by the gateway); `temporal`: a name a Temporal client (GOTRS Go code signalling
 * the workflows directly) gave, which the gateway did not verify; `system`: the workflows themselves.
 */
export const ACTOR_METHODS = ['gotrs-token', 'jwks-token', 'api-key', 'temporal', 'system'] as const;
export type ActorMethod = (typeof ACTOR_METHODS)[number];

/**
 * Who did something, as history rows, SLA events, escalations and notifications record it. `label`
 * is the one string kept in `actor` columns and shown as `actor`: a person's email, `api-key:{name}`,
 * the person a key acted for (`onBehalfOf`), a Go caller's name, or `system`/`sla`/`escalation`.
 */
export interface Actor {
  label: string;
  method: ActorMethod;
  /** GOTRS's `user_id` (or the identity provider's `sub`) of a person. */
  userId: string | null;
  email: string | null;
  /** The API key's ID and name, for a key. */
  keyId: string | null;
  keyName: string | null;
  /** Set when a key with `actor:impersonate` named the person it acts for: that name. */
  onBehalfOf: string | null;
}

/** The workflows' own actors: the lifecycle's timers, the SLA clocks, the escalation ladders. */
export const SYSTEM_ACTORS = ['system', 'sla', 'escalation'] as const;
export type SystemActorName = (typeof SYSTEM_ACTORS)[number];

const nobody = { userId: null, email: null, keyId: null, keyName: null, onBehalfOf: null };

/** A workflow acting on its own (a pending time reached, an SLA breach, a ladder's level). */
export function systemActor(label: SystemActorName): Actor {
  return { label, method: 'system', ...nobody };
}

/** A name a Temporal client gave (Go's `actor` string, or the `temporal-signal` default): unverified. */
export function temporalActor(label: string): Actor {
  return { label, method: 'temporal', ...nobody };
}

/**
 * Who a payload says acted: its structured `actorIdentity` (our callers), else its plain `actor`
 * string as a Temporal client's name (Go callers), else `fallback`.
 */
export function actorFrom(meta: { actor?: string; actorIdentity?: Actor }, fallback: Actor): Actor {
  if (meta.actorIdentity) return meta.actorIdentity;
  return meta.actor ? temporalActor(meta.actor) : fallback;
}

function optional(f: Fields, field: string): string | null {
  return f.text(field) ?? null;
}

/**
 * A structured actor as our callers send it (`{label, method, ...}`); absent or null is undefined.
 * Every text must be storable; `label` is required and `method` one of ACTOR_METHODS.
 */
export function decodeActor(raw: unknown, field = 'actorIdentity', options: DecodeOptions = {}): Actor | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isDict(raw)) throw new DecodeError(`${field} must be an object`, field);
  const f = new Fields(raw, `${field}.`, options);
  const method = f.text('method');
  if (!ACTOR_METHODS.includes(method as ActorMethod)) {
    throw new DecodeError(`${f.name('method')} must be one of ${ACTOR_METHODS.join(', ')}`, f.name('method'));
  }
  return {
    label: f.requiredText('label').trim(),
    method: method as ActorMethod,
    userId: optional(f, 'userId'),
    email: optional(f, 'email'),
    keyId: optional(f, 'keyId'),
    keyName: optional(f, 'keyName'),
    onBehalfOf: optional(f, 'onBehalfOf'),
  };
}
