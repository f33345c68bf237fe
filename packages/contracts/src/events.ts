/**
 * The types of the event log (GET /api/v1/events, and the webhooks that will read the same log).
 * Names follow the notification events already on the wire (`ticket.status-changed`, `sla.warning`,
 * `sla.breach`): a dot after the subject, hyphens inside a word group.
 */
export const EVENT_TYPES = [
  'ticket.created',
  'ticket.assigned',
  'ticket.status-changed',
  'ticket.responded',
  'ticket.reopened',
  'sla.started',
  'sla.paused',
  'sla.resumed',
  'sla.warning',
  'sla.met',
  'sla.breach',
  'sla.escalated',
  'sla.replanned',
  'escalation.level-fired',
  'notification.delivered',
  'notification.fallback',
  'notification.failed',
  'webhook.disabled',
] as const;

/** One of {@link EVENT_TYPES}. */
export type EventType = (typeof EVENT_TYPES)[number];

/** Whether a string names an event type. */
export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}

/** The event type of each SLA event type of `sla_events` (`@gotrs/sla`'s SlaEventType). */
export const SLA_EVENT_TYPES = {
  start: 'sla.started',
  pause: 'sla.paused',
  resume: 'sla.resumed',
  warn: 'sla.warning',
  meet: 'sla.met',
  breach: 'sla.breach',
  escalate: 'sla.escalated',
  replan: 'sla.replanned',
} as const satisfies Record<string, EventType>;
