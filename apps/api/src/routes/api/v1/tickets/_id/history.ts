import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { callerOf } from '../../../../../plugins/app/identity';
import { IdParams } from '../../../../../schemas/common';
import { Ref, json, problem } from '../../../../../schemas/responses';
import { HistoryQuery } from '../../../../../schemas/ticket-requests';

const plugin: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/history',
    {
      config: { requires: 'tickets.read' },
      schema: {
        tags: ['Tickets'],
        operationId: 'getTicketHistory',
        summary: "A ticket's history",
        description: 'Every change asked for, oldest first: what, from, to, who, when, why, and whether it was applied.',
        params: IdParams,
        querystring: HistoryQuery,
        response: {
          200: json(Ref('HistoryPage'), 'A page of history entries.'),
          400: problem(400, 'Invalid ID, limit or cursor (`validation_failed`, `invalid_cursor`).'),
          404: problem(404, 'No such ticket (`ticket_not_found`).'),
          503: problem(503, 'PostgreSQL (`database_unavailable`) or Temporal (`temporal_unavailable`) is unavailable.'),
        },
      },
    },
    async (request) => {
      const { limit = 20, cursor } = request.query;
      return fastify.tickets.history(callerOf(request), request.params.id, limit, cursor);
    },
  );
};

export default plugin;
