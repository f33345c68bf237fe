import { actorColumns, actorOfRow } from './actor-columns';
import type { ChangeSource, Ticket, TicketAction, TicketEvent, TicketStatus, StatusType } from '@gotrs/contracts';

/** Column list of `tickets`, in the order `toTicket` reads them. */
export const TICKET_COLUMNS =
  'id, number, title, description, status, status_type, priority, queue, customer_user_id, assignee, ' +
  'pending_until, escalation_level, created_at, updated_at';

export interface TicketRow {
  id: string;
  number: string;
  title: string;
  description: string | null;
  status: string;
  status_type: string;
  priority: number;
  queue: string;
  customer_user_id: string | null;
  assignee: string | null;
  pending_until: Date | null;
  escalation_level: number;
  created_at: Date;
  updated_at: Date;
}

export function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    description: row.description,
    status: row.status as TicketStatus,
    statusType: row.status_type as StatusType,
    priority: row.priority,
    queue: row.queue,
    customerUserId: row.customer_user_id,
    assignee: row.assignee,
    pendingUntil: row.pending_until ? row.pending_until.toISOString() : null,
    escalationLevel: row.escalation_level,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export const EVENT_COLUMNS =
  `seq, ticket_id, action, field, from_value, to_value, actor, reason, source, accepted, occurred_at, ${actorColumns('actor')}`;

export interface EventRow {
  seq: string;
  ticket_id: string;
  action: string;
  field: string | null;
  from_value: string | null;
  to_value: string | null;
  actor: string;
  reason: string | null;
  source: string;
  accepted: boolean;
  occurred_at: Date;
  actor_method: string | null;
}

export function toEvent(row: EventRow): TicketEvent {
  return {
    id: row.seq,
    ticketId: row.ticket_id,
    action: row.action as TicketAction,
    field: row.field,
    from: row.from_value,
    to: row.to_value,
    actor: row.actor,
    actorIdentity: actorOfRow(row as unknown as Record<string, unknown>, 'actor', row.actor),
    reason: row.reason,
    source: row.source as ChangeSource,
    accepted: row.accepted,
    occurredAt: row.occurred_at.toISOString(),
  };
}
