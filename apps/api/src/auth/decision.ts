import type { Scope } from './scopes';

/** What a caller may not see: it answers 404 exactly as if it did not exist. */
export type HiddenResource = 'ticket' | 'notification' | 'inbox';

/**
 * Why not, as data: `forbidden` (the caller's role may not; `missing` names the role or condition
 * needed), `insufficient_scope` (an API key lacks `missing`), `not_found` (the caller may not see it).
 */
export type Denial =
  | { effect: 'deny'; code: 'forbidden'; missing: string; message: string }
  | { effect: 'deny'; code: 'insufficient_scope'; missing: Scope; message: string }
  | { effect: 'deny'; code: 'not_found'; resource: HiddenResource };

/** An authorization decision: allowed (with what the rule settled, e.g. the customerUserId), or a Denial. */
export type Decision<T = null> = { effect: 'allow'; value: T } | Denial;

export const allow = <T = null>(value: T = null as T): Decision<T> => ({ effect: 'allow', value });

export const forbidden = (missing: string, message: string): Denial => ({ effect: 'deny', code: 'forbidden', missing, message });

export const insufficientScope = (missing: Scope, message: string): Denial => ({ effect: 'deny', code: 'insufficient_scope', missing, message });

export const hidden = (resource: HiddenResource): Denial => ({ effect: 'deny', code: 'not_found', resource });
