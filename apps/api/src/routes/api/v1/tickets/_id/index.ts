import { ticketWorkflowId } from '@gotrs/contracts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { callerOf } from '../../../../../plugins/app/identity';
import { IdParams } from '../../../../../schemas/common';
import { Ref, json, problem } from '../../../../../schemas/responses';
import type { ApiTicket } from '../../../../../schemas/ticket';
import assign from './assign';
import escalate from './escalate';
import history from './history';
import reopen from './reopen';
import responses from './responses';
import sla from './sla';
import status from './status';

const plugin: FastifyPluginAsyncTypebox = async (fastify) => {
  // Every route under /tickets/{id} is about ticket-{id}: its log lines say so (one hook, not one call per route).
  fastify.addHook('preHandler', async (request) => {
    request.bindWorkflow(ticketWorkflowId((request.params as { id: string }).id));
  });
  fastify.get(
    '',
    {
      config: { requires: 'tickets.read' },
      schema: {
        tags: ['Tickets'],
        operationId: 'getTicket',
        summary: 'Get a ticket',
        description: 'From PostgreSQL; a ticket accepted by Temporal but not written yet answers with `number` null.',
        params: IdParams,
        response: {
          200: json(Ref<ApiTicket>('Ticket'), 'The ticket.'),
          400: problem(400, 'Invalid ticket ID (`validation_failed`).'),
          404: problem(404, 'No such ticket (`ticket_not_found`).'),
          503: problem(503, 'PostgreSQL (`database_unavailable`) or Temporal (`temporal_unavailable`) is unavailable.'),
        },
      },
    },
    async (request) => fastify.tickets.get(callerOf(request), request.params.id),
  );

  await fastify.register(history);
  await fastify.register(assign);
  await fastify.register(status);
  await fastify.register(reopen);
  await fastify.register(escalate);
  await fastify.register(sla);
  await fastify.register(responses);
};

export default plugin;
