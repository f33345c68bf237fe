import type { Pool } from 'pg';
import type { Caller } from '../auth/caller';
import type { EscalateInput } from '../schemas/escalation';
import type { TemporalGateway } from '../temporal/gateway';
import { createTicketStore } from '../tickets/ticket-store';
import { escalateTicket, type EscalationDeps } from './escalate-ticket';
import { createEscalationStore } from './escalation-store';

/** The escalation use cases behind the routes: ladders start and advance through the Temporal gateway. */
export function createEscalationUseCases(temporal: TemporalGateway, pool: Pool) {
  const deps: EscalationDeps = { temporal, tickets: createTicketStore(pool), escalations: createEscalationStore(pool) };
  return {
    escalate: (caller: Caller, ticketId: string, input: EscalateInput) => escalateTicket(deps, caller, ticketId, input),
  };
}

export type EscalationUseCases = ReturnType<typeof createEscalationUseCases>;
