import type { Caller, Role } from './caller';
import { allow, forbidden, insufficientScope, type Decision, type HiddenResource } from './decision';
import { grants, type Scope } from './scopes';

export interface OperationRule {
  /** Roles that may, before any per-resource rule (a Customer sees only their own tickets). */
  roles: readonly Role[];
  /** The scope an API key needs. */
  scope: Scope;
  /** For messages: "may not {what}". */
  what: string;
  /** What a permitted caller may still not see (answered 404 as if it did not exist). */
  hides?: HiddenResource;
}

const EVERYONE = ['Admin', 'Agent', 'Customer'] as const;
const STAFF = ['Admin', 'Agent'] as const;

/**
 * Every operation of the API and who may attempt it. Per-resource rules (ticket-access.ts,
 * notification-access.ts, actor-rule.ts) then narrow what a permitted caller sees or writes.
 */
export const OPERATIONS = {
  'tickets.create': { roles: EVERYONE, scope: 'tickets:write', what: 'create tickets' },
  'tickets.list': { roles: EVERYONE, scope: 'tickets:read', what: 'list tickets' },
  'tickets.read': { roles: EVERYONE, scope: 'tickets:read', what: 'read tickets, their history or SLA', hides: 'ticket' },
  'tickets.assign': { roles: STAFF, scope: 'tickets:write', what: 'assign tickets' },
  'tickets.status': { roles: STAFF, scope: 'tickets:write', what: "change tickets' status" },
  'tickets.reopen': { roles: STAFF, scope: 'tickets:write', what: 'reopen tickets' },
  'tickets.respond': { roles: STAFF, scope: 'tickets:write', what: 'record responses' },
  'tickets.escalate': { roles: STAFF, scope: 'escalations:write', what: 'escalate tickets' },
  'notifications.send': { roles: STAFF, scope: 'notifications:write', what: 'send notifications' },
  'notifications.inbox': { roles: EVERYONE, scope: 'notifications:read', what: 'read inboxes', hides: 'inbox' },
  'notifications.read': { roles: EVERYONE, scope: 'notifications:read', what: 'read delivery records', hides: 'notification' },
  'notifications.mark-read': { roles: EVERYONE, scope: 'notifications:write', what: 'mark notifications read', hides: 'notification' },
  'reports.sla': { roles: STAFF, scope: 'reports:read', what: 'read SLA reports' },
  'events.stream': { roles: EVERYONE, scope: 'tickets:read', what: 'read the event stream' },
  'webhooks.manage': { roles: ['Admin'], scope: 'webhooks:admin', what: 'manage webhooks' },
  'api-keys.manage': { roles: ['Admin'], scope: 'admin', what: 'manage API keys' },
  'sla-policies.manage': { roles: ['Admin'], scope: 'sla:admin', what: 'read, preview or apply SLA policy versions' },
} as const satisfies Record<string, OperationRule>;

export type Operation = keyof typeof OPERATIONS;

/** The rule of an operation, widened (the table's literal types make optional fields awkward to read). */
export function operationRule(operation: Operation): Readonly<OperationRule> {
  return OPERATIONS[operation];
}

export function isOperation(value: unknown): value is Operation {
  return typeof value === 'string' && Object.hasOwn(OPERATIONS, value);
}

/** "Agent or Admin" for a list of roles. */
export function roleList(roles: readonly Role[]): string {
  return roles.length === 1 ? roles[0]! : `${roles.slice(0, -1).join(', ')} or ${roles[roles.length - 1]}`;
}

/** Whether `caller` may attempt `operation` at all: by role for people, by scope for API keys. */
export function decideOperation(caller: Caller, operation: Operation): Decision {
  const rule: OperationRule = OPERATIONS[operation];
  if (caller.kind === 'api-key') {
    if (grants(caller.scopes, rule.scope)) return allow();
    return insufficientScope(rule.scope, `API key "${caller.name}" may not ${rule.what}: it needs the scope ${rule.scope}`);
  }
  if (rule.roles.includes(caller.role)) return allow();
  return forbidden(`role ${roleList(rule.roles)}`, `${caller.role} users may not ${rule.what}: it needs the role ${roleList(rule.roles)}`);
}
