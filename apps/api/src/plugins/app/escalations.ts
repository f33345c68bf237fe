import fp from 'fastify-plugin';
import type { Caller } from '../../auth/caller';
import { escalateTicket, type EscalationDeps } from '../../escalations/escalate-ticket';
import { EscalationStore } from '../../escalations/escalation-store';
import type { EscalateInput } from '../../schemas/escalation';
import { TicketStore } from '../../tickets/ticket-store';

/** The escalation use cases behind the routes. */
export interface EscalationService {
  escalate(caller: Caller, ticketId: string, input: EscalateInput): ReturnType<typeof escalateTicket>;
}

declare module 'fastify' {
  interface FastifyInstance {
    escalations: EscalationService;
  }
}

/** Decorates `fastify.escalations`. */
export default fp(
  async (fastify) => {
    const deps: EscalationDeps = { temporal: fastify.temporal, tickets: new TicketStore(fastify.pg), escalations: new EscalationStore(fastify.pg) };
    fastify.decorate('escalations', {
      escalate: (caller: Caller, ticketId: string, input: EscalateInput) => escalateTicket(deps, caller, ticketId, input),
    });
  },
  { name: 'escalations', dependencies: ['temporal', 'database'] },
);
