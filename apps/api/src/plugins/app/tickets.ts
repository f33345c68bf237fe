import fp from 'fastify-plugin';
import { createTicketUseCases, type TicketSettings, type TicketUseCases } from '../../tickets/use-cases';

declare module 'fastify' {
  interface FastifyInstance {
    tickets: TicketUseCases;
  }
}

/** Decorates `fastify.tickets`, the use cases the ticket routes call. */
export default fp(
  async (fastify, opts: TicketSettings) => {
    fastify.decorate('tickets', createTicketUseCases(fastify.temporal, fastify.pg, opts));
  },
  { name: 'tickets', dependencies: ['temporal', 'database'] },
);
