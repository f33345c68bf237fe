import type { SlaSettings } from '@gotrs/contracts';
import fp from 'fastify-plugin';
import { createPolicySource, type PolicySource } from '../../sla-policies/policy-source';
import { createSlaPolicyUseCases, type SlaPolicyUseCases } from '../../sla-policies/use-cases';

declare module 'fastify' {
  interface FastifyInstance {
    /** The SLA policies in force: ticket creation picks its ticket's policy version here. */
    slaPolicySource: PolicySource;
    slaPolicies: SlaPolicyUseCases;
  }
}

/** Decorates `fastify.slaPolicySource` and `fastify.slaPolicies`, the use cases the SLA policy routes call. */
export default fp(
  async (fastify, opts: { sla: SlaSettings }) => {
    const source = createPolicySource(fastify.pg, opts.sla);
    fastify.decorate('slaPolicySource', source);
    fastify.decorate('slaPolicies', createSlaPolicyUseCases(fastify.temporal, fastify.pg, source));
  },
  { name: 'sla-policies', dependencies: ['temporal', 'database'] },
);
