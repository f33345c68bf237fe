import type { TicketFilter } from '@gotrs/db';
import type { SlaSettings } from '@gotrs/sla';
import type { Pool } from 'pg';
import type { TemporalGateway } from '../temporal/gateway';
import type { ResponseInput } from '../schemas/sla-requests';
import type { AssignInput, CreateTicketInput, ReopenInput, StatusInput } from '../schemas/ticket-requests';
import { assignTicket, changeStatus, recordResponse, reopenTicket } from './change-ticket';
import { createTicket } from './create-ticket';
import type { TicketDeps } from './deps';
import { ticketSla } from './read-sla';
import { getTicket, listTickets, ticketHistory } from './read-ticket';
import { TicketStore } from './ticket-store';

/** The ticket use cases behind the routes: writes go through the workflow, reads come from PostgreSQL. */
export class TicketService {
  private readonly deps: TicketDeps;

  constructor(temporal: TemporalGateway, pool: Pool, createWaitMs: number, sla: SlaSettings) {
    this.deps = { temporal, store: new TicketStore(pool), createWaitMs, sla };
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

  respond(id: string, input: ResponseInput) {
    return recordResponse(this.deps, id, input);
  }

  sla(id: string, nowMs = Date.now()) {
    return ticketSla(this.deps, id, nowMs);
  }
}
