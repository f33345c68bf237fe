import { findSla, findTicket, listHistory, listTickets, type Page, type StoredSla, type TicketFilter } from '@gotrs/db';
import type { Ticket, TicketEvent } from '@gotrs/contracts';
import type { Pool } from 'pg';
import { guardedRead } from '../errors/database-guard';

/** Ticket reads from PostgreSQL (the workflows write; the API only reads); unreachable is a 503. */
export function createTicketStore(pool: Pool) {
  return {
    find: (id: string): Promise<Ticket | null> => guardedRead(() => findTicket(pool, id)),
    list: (filter: TicketFilter, limit: number, cursor?: string): Promise<Page<Ticket>> => guardedRead(() => listTickets(pool, filter, limit, cursor)),
    history: (ticketId: string, limit: number, cursor?: string): Promise<Page<TicketEvent>> => guardedRead(() => listHistory(pool, ticketId, limit, cursor)),
    /** The ticket's SLA as its workflow last recorded it, or null (none, or not recorded yet). */
    sla: (ticketId: string): Promise<StoredSla | null> => guardedRead(() => findSla(pool, ticketId)),
  };
}

export type TicketStore = ReturnType<typeof createTicketStore>;
