import type { Caller } from '../auth/caller';
import { ApiError } from '../errors/api-error';
import type { ApiTicketSla } from '../schemas/sla';
import type { TicketDeps } from './deps';
import { checkTicketVisible, getTicket } from './read-ticket';
import { toApiSla } from './sla-view';

/**
 * The ticket's SLA from PostgreSQL, with live figures as of `nowMs`. Without a recorded SLA: 404
 * `ticket_not_found` when the ticket is unknown too, else 404 `sla_not_found` (no SLA, or its
 * workflow has not recorded its start yet). A ticket `caller` may not see is 404 `ticket_not_found`.
 */
export async function ticketSla(deps: TicketDeps, caller: Caller, id: string, nowMs: number): Promise<ApiTicketSla> {
  const stored = await deps.store.sla(id);
  if (stored) {
    await checkTicketVisible(deps, caller, id);
    return toApiSla(id, stored, nowMs);
  }
  await getTicket(deps, caller, id);
  throw new ApiError('sla_not_found', `ticket "${id}" has no SLA (or its SLA workflow has not recorded its start yet)`);
}
