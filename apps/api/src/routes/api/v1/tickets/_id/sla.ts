import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { callerOf } from '../../../../../plugins/app/identity';
import { IdParams } from '../../../../../schemas/common';
import { Ref, json, problem } from '../../../../../schemas/responses';
import type { ApiTicketSla } from '../../../../../schemas/sla';

const plugin: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/sla',
    {
      config: { requires: 'tickets.read' },
      schema: {
        tags: ['Tickets'],
        operationId: 'getTicketSla',
        summary: "A ticket's SLA",
        description:
          'From PostgreSQL: the policy (and why it applies), the business calendar, each milestone\'s clock with its live figures ' +
          '(remaining and elapsed business time, paused time) as of `asOf`, and every SLA event (start, pause, resume, warn, meet, ' +
          'breach, escalate) oldest first. The SLA workflow records its start a moment after the ticket is created: until then, 404 `sla_not_found`.',
        params: IdParams,
        response: {
          200: json(Ref<ApiTicketSla>('TicketSla'), "The ticket's SLA."),
          400: problem(400, 'Invalid ticket ID (`validation_failed`).'),
          404: problem(404, 'No such ticket (`ticket_not_found`), or the ticket has no SLA, or not yet (`sla_not_found`).'),
          503: problem(503, 'PostgreSQL (`database_unavailable`) or Temporal (`temporal_unavailable`) is unavailable.'),
        },
      },
    },
    async (request) => fastify.tickets.sla(callerOf(request), request.params.id),
  );
};

export default plugin;
