import { STATUS_INPUTS, normalizeStatus, parsePriority, type StatusType, type TicketStatus } from '@gotrs/contracts';
import type { TicketFilter } from '@gotrs/db';
import { ApiError, type FieldError } from '../errors/api-error';
import type { ListTicketsInput } from '../schemas/ticket-requests';
import { STATUS_TYPES } from '../schemas/ticket';

function split(value: string): string[] {
  return value.split(',').map((part) => part.trim()).filter(Boolean);
}

function quoted(values: readonly string[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

/** Turns the list query into a db filter; every unknown value is reported with its field. */
export function toTicketFilter(query: ListTicketsInput): TicketFilter {
  const errors: FieldError[] = [];
  const filter: TicketFilter = {};
  if (query.status !== undefined) {
    const names = split(query.status);
    const statuses = names.map(normalizeStatus);
    if (!names.length || statuses.includes(undefined)) {
      errors.push({ field: 'querystring.status', message: `each value must be one of: ${quoted(STATUS_INPUTS)}` });
    } else filter.status = [...new Set(statuses as TicketStatus[])];
  }
  if (query.statusType !== undefined) {
    const types = split(query.statusType);
    if (!types.length || types.some((t) => !(STATUS_TYPES as readonly string[]).includes(t))) {
      errors.push({ field: 'querystring.statusType', message: `each value must be one of: ${quoted(STATUS_TYPES)}` });
    } else filter.statusType = types as StatusType[];
  }
  if (query.priority !== undefined) {
    const priority = parsePriority(query.priority);
    if (priority === undefined) errors.push({ field: 'querystring.priority', message: 'must be 1..5 or an OTRS priority name' });
    else filter.priority = priority;
  }
  if (errors.length) throw new ApiError('validation_failed', `invalid ${errors.map((e) => e.field).join(', ')}`, errors);
  if (query.assignee !== undefined) filter.assignee = query.assignee;
  if (query.queue !== undefined) filter.queue = query.queue;
  if (query.customerUserId !== undefined) filter.customerUserId = query.customerUserId;
  return filter;
}
