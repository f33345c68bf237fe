import type { NotificationSettings } from '@gotrs/config';
import type { SlaSettings, WorkflowSettings } from '@gotrs/contracts';
import type { TicketFilter } from '@gotrs/db';
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
import { createTicketStore } from './ticket-store';

/** What the ticket use cases are built from, besides Temporal and the pool. */
export interface TicketSettings {
  createWaitMs: number;
  slaSettings: () => Promise<SlaSettings>;
  directory: NotificationSettings;
  workflowSettings: WorkflowSettings;
}

/**
 * The ticket use cases behind the routes: writes go through the workflow (the Temporal gateway),
 * reads come from PostgreSQL; each takes the caller, who is the actor and whose rules decide what
 * they see. Plain functions over one set of dependencies, as every resource's use cases are.
 */
export function createTicketUseCases(temporal: TemporalGateway, pool: Pool, settings: TicketSettings) {
  const deps: TicketDeps = { temporal, store: createTicketStore(pool), ...settings };
  return {
    create: (caller: Caller, id: string, input: CreateTicketInput) => createTicket(deps, caller, id, input),
    get: (caller: Caller, id: string) => getTicket(deps, caller, id),
    list: (caller: Caller, filter: TicketFilter, limit: number, cursor?: string) => listTickets(deps, caller, filter, limit, cursor),
    history: (caller: Caller, id: string, limit: number, cursor?: string) => ticketHistory(deps, caller, id, limit, cursor),
    assign: (caller: Caller, id: string, input: AssignInput) => assignTicket(deps, caller, id, input),
    changeStatus: (caller: Caller, id: string, input: StatusInput) => changeStatus(deps, caller, id, input),
    reopen: (caller: Caller, id: string, input: ReopenInput) => reopenTicket(deps, caller, id, input),
    respond: (caller: Caller, id: string, input: ResponseInput) => recordResponse(deps, caller, id, input),
    sla: (caller: Caller, id: string, nowMs = Date.now()) => ticketSla(deps, caller, id, nowMs),
  };
}

export type TicketUseCases = ReturnType<typeof createTicketUseCases>;
