import fp from 'fastify-plugin';
import { ProblemSchema } from '../../schemas/problem';
import { SLA_MODELS } from '../../schemas/sla';
import { TICKET_MODELS } from '../../schemas/ticket';

/** Registers the response models referenced by `$ref` (they become OpenAPI components). */
export default fp(
  async (fastify) => {
    for (const schema of [ProblemSchema, ...TICKET_MODELS, ...SLA_MODELS]) fastify.addSchema(schema);
  },
  { name: 'shared-schemas' },
);
