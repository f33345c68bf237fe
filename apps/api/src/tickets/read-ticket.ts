import type { TicketEvent } from '@gotrs/contracts';
import type { Page, TicketFilter } from '@gotrs/db';
import { ticketNotFound } from '../errors/api-error';
import type { ApiTicket } from '../schemas/ticket';
import { acceptedFromWorkflow } from './accepted-ticket';
import type { TicketDeps } from './deps';
import { describeTicketWorkflow, isRunning } from './workflow-state';

/** A ticket Temporal has accepted but whose row is not written yet (worker or PostgreSQL down), or null. */
async function acceptedOnly(deps: TicketDeps, id: string): Promise<ApiTicket | null> {
  const description = await describeTicketWorkflow(deps, id, deps.temporal.deadline());
  return isRunning(description) ? acceptedFromWorkflow(id, description) : null;
}

/** The ticket's row; else, while its workflow runs without a row yet, the accepted ticket (number null). */
export async function getTicket(deps: TicketDeps, id: string): Promise<ApiTicket> {
  const row = await deps.store.find(id);
  if (row) return row;
  const accepted = await acceptedOnly(deps, id);
  if (!accepted) throw ticketNotFound(id);
  return accepted;
}

export function listTickets(deps: TicketDeps, filter: TicketFilter, limit: number, cursor?: string): Promise<Page<ApiTicket>> {
  return deps.store.list(filter, limit, cursor);
}

/** The ticket's history, oldest first; empty for an accepted ticket, 404 for an unknown one. */
export async function ticketHistory(deps: TicketDeps, id: string, limit: number, cursor?: string): Promise<Page<TicketEvent>> {
  const row = await deps.store.find(id);
  if (!row) {
    if (!(await acceptedOnly(deps, id))) throw ticketNotFound(id);
    return { items: [], nextCursor: null };
  }
  return deps.store.history(id, limit, cursor);
}
