import fp from 'fastify-plugin';
import { createTicketUseCases, type TicketSettings, type TicketUseCases } from '../../tickets/use-cases';

declare module 'fastify' {
  interface FastifyInstance {
    tickets: TicketUseCases;
  }
}

/** Decorates `fastify.tickets`, the use cases the ticket routes call. */
export default fp(
  async (fastify, opts: Omit<TicketSettings, 'slaSettings'>) => {
    const { slaPolicySource } = fastify;
    fastify.decorate('tickets', createTicketUseCases(fastify.temporal, fastify.pg, { ...opts, slaSettings: () => slaPolicySource.settings() }));
  },
  { name: 'tickets', dependencies: ['temporal', 'database', 'sla-policies'] },
);
