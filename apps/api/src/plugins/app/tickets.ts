import type { SlaSettings } from '@gotrs/sla';
import fp from 'fastify-plugin';
import { TicketService } from '../../tickets/ticket-service';

declare module 'fastify' {
  interface FastifyInstance {
    tickets: TicketService;
  }
}

/** Decorates `fastify.tickets`, the use cases the ticket routes call. */
export default fp(
  async (fastify, opts: { createWaitMs: number; sla: SlaSettings }) => {
    fastify.decorate('tickets', new TicketService(fastify.temporal, fastify.pg, opts.createWaitMs, opts.sla));
  },
  { name: 'tickets', dependencies: ['temporal', 'database'] },
);
