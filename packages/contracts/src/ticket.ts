import type { Actor } from './actor';
import { statusTypeOf, type StatusType, type TicketStatus } from './status';

/** A ticket as the API returns it and as activities hand it to workflows. Times are ISO 8601 UTC. */
export interface Ticket {
  id: string;
  /** The OTRS-style ticket number (creation date + counter), assigned when the row is written. */
  number: string;
  title: string;
  description: string | null;
  status: TicketStatus;
  statusType: StatusType;
  priority: number;
  queue: string;
  customerUserId: string | null;
  assignee: string | null;
  pendingUntil: string | null;
  escalationLevel: number;
  createdAt: string;
  updatedAt: string;
}

/** What is known of a ticket before its row exists: all a Go caller sends is the `id`. */
export interface NewTicket {
  id: string;
  title?: string;
  description?: string | null;
  priority?: number;
  queue?: string;
  customerUserId?: string | null;
  /** Who created it (agent or customer user ID); `system` when unknown. */
  createdBy?: string;
  /** Who created it, as the API verified them (its label is `createdBy`). */
  createdByIdentity?: Actor;
  /** When the API accepted it; the activity uses the workflow start time when absent. */
  createdAt?: string;
}

/** Defaults for fields a bare ticket ID does not carry. */
export const TICKET_DEFAULTS = {
  queue: 'Raw',
  priority: 3,
  status: 'new' as TicketStatus,
  actor: 'system',
} as const;

/** The title given to a ticket that arrived as a bare ID. */
export function defaultTitle(ticketId: string): string {
  return `Ticket ${ticketId}`;
}

/**
 * The one place the defaults are applied: a new ticket's fields with TICKET_DEFAULTS for what it
 * does not carry (a Go caller's bare ID carries nothing), in status `new`.
 */
export function withTicketDefaults(ticket: NewTicket) {
  return {
    id: ticket.id,
    title: ticket.title ?? defaultTitle(ticket.id),
    description: ticket.description ?? null,
    status: TICKET_DEFAULTS.status,
    statusType: statusTypeOf(TICKET_DEFAULTS.status),
    priority: ticket.priority ?? TICKET_DEFAULTS.priority,
    queue: ticket.queue ?? TICKET_DEFAULTS.queue,
    customerUserId: ticket.customerUserId ?? null,
  };
}

/** One entry of a ticket's history: what changed, from what, to what, who, when, why. */
export interface TicketEvent {
  id: string;
  ticketId: string;
  action: TicketAction;
  field: string | null;
  from: string | null;
  to: string | null;
  actor: string;
  /** Who it was, structured; null for entries recorded before actors were. */
  actorIdentity: Actor | null;
  reason: string | null;
  source: ChangeSource;
  accepted: boolean;
  occurredAt: string;
}

/** What a history entry records; `sla` entries are SLA clock events, `escalated` escalation levels. */
export const TICKET_ACTIONS = [
  'created',
  'assigned',
  'status-changed',
  'reopened',
  'rejected',
  'reminder',
  'responded',
  'sla',
  'escalated',
] as const;

export type TicketAction = (typeof TICKET_ACTIONS)[number];

/** Where a change came from: our REST API (Updates), a Temporal signal, or the workflow itself. */
export type ChangeSource = 'api' | 'signal' | 'system';
