import type { TicketFilter } from '@gotrs/db';
import type { Pool } from 'pg';
import type { TemporalGateway } from '../temporal/gateway';
import type { AssignInput, CreateTicketInput, ReopenInput, StatusInput } from '../schemas/ticket-requests';
import { assignTicket, changeStatus, reopenTicket } from './change-ticket';
import { createTicket } from './create-ticket';
import type { TicketDeps } from './deps';
import { getTicket, listTickets, ticketHistory } from './read-ticket';
import { TicketStore } from './ticket-store';

/** The ticket use cases behind the routes: writes go through the workflow, reads come from PostgreSQL. */
export class TicketService {
  private readonly deps: TicketDeps;

  constructor(temporal: TemporalGateway, pool: Pool, createWaitMs: number) {
    this.deps = { temporal, store: new TicketStore(pool), createWaitMs };
  }

  create(id: string, input: CreateTicketInput) {
    return createTicket(this.deps, id, input);
  }

  get(id: string) {
    return getTicket(this.deps, id);
  }

  list(filter: TicketFilter, limit: number, cursor?: string) {
    return listTickets(this.deps, filter, limit, cursor);
  }

  history(id: string, limit: number, cursor?: string) {
    return ticketHistory(this.deps, id, limit, cursor);
  }

  assign(id: string, input: AssignInput) {
    return assignTicket(this.deps, id, input);
  }

  changeStatus(id: string, input: StatusInput) {
    return changeStatus(this.deps, id, input);
  }

  reopen(id: string, input: ReopenInput) {
    return reopenTicket(this.deps, id, input);
  }
}
