import { InvalidCursorError, findSla, findTicket, listHistory, listTickets, type Page, type StoredSla, type TicketFilter } from '@gotrs/db';
import type { Ticket, TicketEvent } from '@gotrs/contracts';
import type { Pool } from 'pg';
import { ApiError, databaseUnavailable } from '../errors/api-error';
import { isConnectionError as isDatabaseUnreachable } from '@gotrs/db';

/** Maps PostgreSQL being down to 503 `database_unavailable` and a foreign cursor to 400 `invalid_cursor`. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InvalidCursorError) {
      throw new ApiError('invalid_cursor', error.message, [{ field: 'querystring.cursor', message: error.message }]);
    }
    if (isDatabaseUnreachable(error)) throw databaseUnavailable(error);
    throw error;
  }
}

/** Ticket reads from PostgreSQL (the workflows write; the API only reads). */
export class TicketStore {
  constructor(private readonly pool: Pool) {}

  find(id: string): Promise<Ticket | null> {
    return guarded(() => findTicket(this.pool, id));
  }

  list(filter: TicketFilter, limit: number, cursor?: string): Promise<Page<Ticket>> {
    return guarded(() => listTickets(this.pool, filter, limit, cursor));
  }

  history(ticketId: string, limit: number, cursor?: string): Promise<Page<TicketEvent>> {
    return guarded(() => listHistory(this.pool, ticketId, limit, cursor));
  }

  /** The ticket's SLA as its workflow last recorded it, or null (none, or not recorded yet). */
  sla(ticketId: string): Promise<StoredSla | null> {
    return guarded(() => findSla(this.pool, ticketId));
  }
}
