import fp from 'fastify-plugin';
import { ActorSchema } from '../../schemas/actor';
import { ESCALATION_REQUEST_MODELS } from '../../schemas/escalation';
import { EVENT_MODELS } from '../../schemas/event';
import { ProblemSchema } from '../../schemas/problem';
import { SLA_MODELS } from '../../schemas/sla';
import { SLA_REQUEST_MODELS } from '../../schemas/sla-requests';
import { SLA_REPORT_MODELS } from '../../schemas/sla-report';
import { TICKET_MODELS } from '../../schemas/ticket';
import { TICKET_REQUEST_MODELS } from '../../schemas/ticket-requests';

/** Registers the models referenced by `$ref`: they become OpenAPI components and are validated by `$id`. */
export default fp(
  async (fastify) => {
    const models = [ProblemSchema, ActorSchema, ...TICKET_REQUEST_MODELS, ...SLA_REQUEST_MODELS, ...ESCALATION_REQUEST_MODELS, ...TICKET_MODELS, ...SLA_MODELS, ...SLA_REPORT_MODELS, ...EVENT_MODELS];
    for (const schema of models) fastify.addSchema(schema);
  },
  { name: 'shared-schemas' },
);
