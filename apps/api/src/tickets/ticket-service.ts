import type { NotificationSettings } from '@gotrs/config';
import type { TicketFilter } from '@gotrs/db';
import type { SlaSettings } from '@gotrs/contracts';
import type { Pool } from 'pg';
import type { Caller } from '../auth/caller';
import type { TemporalGateway } from '../temporal/gateway';
import type { ResponseInput } from '../schemas/sla-requests';
import type { AssignInput, CreateTicketInput, ReopenInput, StatusInput } from '../schemas/ticket-requests';
import { assignTicket, changeStatus, recordResponse, reopenTicket } from './change-ticket';
import { createTicket } from './create-ticket';
import type { TicketDeps } from './deps';
import { ticketSla } from './read-sla';
import { getTicket, listTickets, ticketHistory } from './read-ticket';
import { TicketStore } from './ticket-store';

/** What the ticket use cases are built from, besides Temporal and the pool. */
export interface TicketSettings {
  createWaitMs: number;
  sla: SlaSettings;
  directory: NotificationSettings;
}

/**
 * The ticket use cases behind the routes: writes go through the workflow, reads come from
 * PostgreSQL; each takes the caller, who is the actor and whose rules decide what they see.
 */
export class TicketService {
  private readonly deps: TicketDeps;

  constructor(temporal: TemporalGateway, pool: Pool, settings: TicketSettings) {
    this.deps = { temporal, store: new TicketStore(pool), ...settings };
  }

  create(caller: Caller, id: string, input: CreateTicketInput) {
    return createTicket(this.deps, caller, id, input);
  }

  get(caller: Caller, id: string) {
    return getTicket(this.deps, caller, id);
  }

  list(caller: Caller, filter: TicketFilter, limit: number, cursor?: string) {
    return listTickets(this.deps, caller, filter, limit, cursor);
  }

  history(caller: Caller, id: string, limit: number, cursor?: string) {
    return ticketHistory(this.deps, caller, id, limit, cursor);
  }

  assign(caller: Caller, id: string, input: AssignInput) {
    return assignTicket(this.deps, caller, id, input);
  }

  changeStatus(caller: Caller, id: string, input: StatusInput) {
    return changeStatus(this.deps, caller, id, input);
  }

  reopen(caller: Caller, id: string, input: ReopenInput) {
    return reopenTicket(this.deps, caller, id, input);
  }

  respond(caller: Caller, id: string, input: ResponseInput) {
    return recordResponse(this.deps, caller, id, input);
  }

  sla(caller: Caller, id: string, nowMs = Date.now()) {
    return ticketSla(this.deps, caller, id, nowMs);
  }
}
