import { normalizeStatus, parsePriority, type TicketStatus } from '@gotrs/contracts';
import type { TicketFilter } from '@gotrs/db';
import type { ListTicketsInput } from '../schemas/ticket-requests';

/** Turns the list query, already validated (each value one of its enum), into a db filter. */
export function toTicketFilter(query: Omit<ListTicketsInput, 'limit' | 'cursor'>): TicketFilter {
  const filter: TicketFilter = {};
  if (query.status !== undefined) filter.status = [...new Set(query.status.map((name) => normalizeStatus(name) as TicketStatus))];
  if (query.statusType !== undefined) filter.statusType = [...new Set(query.statusType)];
  if (query.priority !== undefined) filter.priority = parsePriority(query.priority)!;
  if (query.assignee !== undefined) filter.assignee = query.assignee;
  if (query.queue !== undefined) filter.queue = query.queue;
  if (query.customerUserId !== undefined) filter.customerUserId = query.customerUserId;
  return filter;
}
