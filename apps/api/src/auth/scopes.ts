/**
 * What an API key may do. Adding a scope: add it here with what it grants, then name it in the
 * operation table (operations.ts) or in a rule. `admin` grants every scope except `actor:impersonate`,
 * which is never implied: writing another name into the audit trail must be granted on purpose.
 */
export const SCOPES = {
  'tickets:read': 'read every ticket, its history and its SLA',
  'tickets:write': 'create tickets and change them (assign, status, reopen, responses)',
  'escalations:write': 'escalate tickets by hand',
  'notifications:read': "read any in-app inbox and any notification's delivery record",
  'notifications:write': 'send notifications to people in the directory; mark inbox notifications read',
  'notifications:external': 'send notifications to addresses outside the directory',
  'reports:read': 'read SLA compliance reports (figures over every ticket, no ticket contents)',
  'sla:admin': 'preview and apply changes to SLA policies (new versions for new or open tickets)',
  'webhooks:admin': 'manage webhook subscriptions (create, list, delete, rotate secrets) and read their delivery logs',
  'actor:impersonate': 'name the person a change is made for (`actor`), recorded as on their behalf',
  admin: 'everything but actor:impersonate, including API key management',
} as const;

export type Scope = keyof typeof SCOPES;

export const SCOPE_NAMES = Object.keys(SCOPES) as Scope[];

const NOT_IMPLIED_BY_ADMIN: ReadonlySet<Scope> = new Set<Scope>(['actor:impersonate']);

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && Object.hasOwn(SCOPES, value);
}

/** Whether a key holding `held` may act under `needed`. */
export function grants(held: readonly Scope[], needed: Scope): boolean {
  return held.includes(needed) || (held.includes('admin') && !NOT_IMPLIED_BY_ADMIN.has(needed));
}

/** `a,b` as given to the CLI, deduplicated in SCOPES order; the unknown names, if any, separately. */
export function parseScopeList(list: string): { scopes: Scope[]; unknown: string[] } {
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !isScope(n));
  return { scopes: SCOPE_NAMES.filter((s) => names.includes(s)), unknown: [...new Set(unknown)] };
}
