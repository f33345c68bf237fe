import fp from 'fastify-plugin';
import { TicketService, type TicketSettings } from '../../tickets/ticket-service';

declare module 'fastify' {
  interface FastifyInstance {
    tickets: TicketService;
  }
}

/** Decorates `fastify.tickets`, the use cases the ticket routes call. */
export default fp(
  async (fastify, opts: TicketSettings) => {
    fastify.decorate('tickets', new TicketService(fastify.temporal, fastify.pg, opts));
  },
  { name: 'tickets', dependencies: ['temporal', 'database'] },
);
