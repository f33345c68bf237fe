import { MILESTONES } from '@gotrs/contracts';

/*
 * Label values come from payloads that any Temporal client may send: each is mapped onto a small,
 * fixed set here, so that a hostile or careless caller cannot create unbounded time series.
 */

const CHANNELS = new Set(['email', 'in-app']);
const POLICY_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** `FirstResponse`, `Resolution`, `Update`, else `other`. */
export function milestoneLabel(name: unknown): string {
  return (MILESTONES as readonly unknown[]).includes(name) ? (name as string) : 'other';
}

/** A policy name of config/sla.yaml; `none` when the ticket has no recorded SLA. */
export function policyLabel(name: string | null | undefined): string {
  if (name === null || name === undefined) return 'none';
  return POLICY_NAME.test(name) ? name : 'other';
}

/** `email` or `in-app`; `none` when nothing delivered it. */
export function channelLabel(channel: string | null | undefined): string {
  return channel && CHANNELS.has(channel) ? channel : 'none';
}

/** An escalation ladder's trigger by kind: `sla:{milestone}`, `manual`, `go` (a Go caller's), else `other`. */
export function triggerLabel(trigger: string): string {
  const [kind, milestone] = trigger.split(':');
  if (kind === 'sla') return `sla:${milestoneLabel(milestone)}`;
  if (kind === 'manual' || kind === 'go') return kind;
  return 'other';
}

/** Escalation levels 1 to 9 as they are; anything higher as `10+`. */
export function levelLabel(level: number): string {
  return Number.isInteger(level) && level >= 1 && level <= 9 ? String(level) : '10+';
}

/** The kind of a ticket change from the field a rejected change named: `assign`, `status`, `response`, else `other`. */
export function changeKindOfField(field: string | null): string {
  if (field === 'assignee') return 'assign';
  if (field === 'status' || field === 'response') return field;
  return 'other';
}
