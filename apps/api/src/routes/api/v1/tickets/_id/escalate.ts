import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { callerOf } from '../../../../../plugins/app/identity';
import { IdParams } from '../../../../../schemas/common';
import { EscalateTicketRequest, EscalationAcceptedSchema } from '../../../../../schemas/escalation';
import { RefTo } from '../../../../../schemas/model';
import { json, problem } from '../../../../../schemas/responses';

const plugin: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post(
    '/escalate',
    {
      config: { requires: 'tickets.escalate' },
      schema: {
        tags: ['Tickets'],
        operationId: 'escalateTicket',
        summary: 'Escalate a ticket by hand',
        description:
          "Advances the ticket's running escalation ladder (the `advance` signal: its next level fires now, or the one named by " +
          '`level`), or starts a new `EscalationWorkflow` (`escalation-{id}-manual-{n}`) with the ladder of the ticket\'s SLA plan, ' +
          'else the default ladder. Each level fires once per ladder and only while its condition holds; the ticket\'s ' +
          '`escalationLevel` is never lowered. Answers 202 once Temporal has the request; the levels fire in the worker.',
        params: IdParams,
        body: RefTo(EscalateTicketRequest),
        response: {
          202: json(EscalationAcceptedSchema, 'Started or advanced.'),
          400: problem(400, 'Invalid body, or a `level` above the ladder\'s top (`validation_failed`, `malformed_json`).'),
          404: problem(404, 'No such ticket (`ticket_not_found`).'),
          409: problem(409, 'The ticket is closed, merged or removed (`ticket_closed`).'),
          503: problem(503, 'Temporal (`temporal_unavailable`) or PostgreSQL (`database_unavailable`) is unavailable.'),
        },
      },
    },
    async (request, reply) => {
      return reply.code(202).send(await fastify.escalations.escalate(callerOf(request), request.params.id, request.body));
    },
  );
};

export default plugin;
