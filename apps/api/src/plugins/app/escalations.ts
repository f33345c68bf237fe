import fp from 'fastify-plugin';
import { createEscalationUseCases, type EscalationUseCases } from '../../escalations/use-cases';

declare module 'fastify' {
  interface FastifyInstance {
    escalations: EscalationUseCases;
  }
}

/** Decorates `fastify.escalations`, the use cases the escalation route calls. */
export default fp(
  async (fastify) => {
    fastify.decorate('escalations', createEscalationUseCases(fastify.temporal, fastify.pg));
  },
  { name: 'escalations', dependencies: ['temporal', 'database'] },
);
