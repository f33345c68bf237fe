import { ApiError } from '../errors/api-error';
import type { ApiTicketSla } from '../schemas/sla';
import type { TicketDeps } from './deps';
import { getTicket } from './read-ticket';
import { toApiSla } from './sla-view';

/**
 * The ticket's SLA from PostgreSQL, with live figures as of `nowMs`. Without a recorded SLA: 404
 * `ticket_not_found` when the ticket is unknown too, else 404 `sla_not_found` (no SLA, or its
 * workflow has not recorded its start yet).
 */
export async function ticketSla(deps: TicketDeps, id: string, nowMs: number): Promise<ApiTicketSla> {
  const stored = await deps.store.sla(id);
  if (stored) return toApiSla(id, stored, nowMs);
  await getTicket(deps, id);
  throw new ApiError('sla_not_found', `ticket "${id}" has no SLA (or its SLA workflow has not recorded its start yet)`);
}
