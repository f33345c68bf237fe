import type { TicketEvent } from '@gotrs/contracts';
import type { Page, TicketFilter } from '@gotrs/db';
import type { Caller } from '../auth/caller';
import { enforce } from '../auth/denial-error';
import { decideTicketList, decideTicketVisibility } from '../auth/ticket-access';
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

/**
 * The ticket's row; else, while its workflow runs without a row yet, the accepted ticket (number
 * null). 404 for an unknown ticket, and the same 404 for one `caller` may not see.
 */
export async function getTicket(deps: TicketDeps, caller: Caller, id: string): Promise<ApiTicket> {
  const ticket = (await deps.store.find(id)) ?? (await acceptedOnly(deps, id));
  if (!ticket) throw ticketNotFound(id);
  enforce(decideTicketVisibility(caller, ticket), id);
  return ticket;
}

/** A page of the tickets `caller` may list: a Customer's own only (asking for another's is 403). */
export function listTickets(deps: TicketDeps, caller: Caller, filter: TicketFilter, limit: number, cursor?: string): Promise<Page<ApiTicket>> {
  const own = enforce(decideTicketList(caller, filter));
  return deps.store.list({ ...filter, ...own }, limit, cursor);
}

/** The ticket's history, oldest first; empty for an accepted ticket, 404 for an unknown or hidden one. */
export async function ticketHistory(deps: TicketDeps, caller: Caller, id: string, limit: number, cursor?: string): Promise<Page<TicketEvent>> {
  const row = await deps.store.find(id);
  if (!row) {
    const accepted = await acceptedOnly(deps, id);
    if (!accepted) throw ticketNotFound(id);
    enforce(decideTicketVisibility(caller, accepted), id);
    return { items: [], nextCursor: null };
  }
  enforce(decideTicketVisibility(caller, row), id);
  return deps.store.history(id, limit, cursor);
}

/** Throws the 404 of a hidden ticket when `caller` may not see ticket `id` (unknown tickets are the callers' business). */
export async function checkTicketVisible(deps: TicketDeps, caller: Caller, id: string): Promise<void> {
  const ticket = (await deps.store.find(id)) ?? (await acceptedOnly(deps, id));
  enforce(decideTicketVisibility(caller, ticket ?? { customerUserId: null }), id);
}
