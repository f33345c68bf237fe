import { findSla, findTicket, listHistory, listTickets, type Page, type StoredSla, type TicketFilter } from '@gotrs/db';
import type { Ticket, TicketEvent } from '@gotrs/contracts';
import type { Pool } from 'pg';
import { guardedRead } from '../errors/database-guard';

/** Ticket reads from PostgreSQL (the workflows write; the API only reads). */
export class TicketStore {
  constructor(private readonly pool: Pool) {}

  find(id: string): Promise<Ticket | null> {
    return guardedRead(() => findTicket(this.pool, id));
  }

  list(filter: TicketFilter, limit: number, cursor?: string): Promise<Page<Ticket>> {
    return guardedRead(() => listTickets(this.pool, filter, limit, cursor));
  }

  history(ticketId: string, limit: number, cursor?: string): Promise<Page<TicketEvent>> {
    return guardedRead(() => listHistory(this.pool, ticketId, limit, cursor));
  }

  /** The ticket's SLA as its workflow last recorded it, or null (none, or not recorded yet). */
  sla(ticketId: string): Promise<StoredSla | null> {
    return guardedRead(() => findSla(this.pool, ticketId));
  }
}
