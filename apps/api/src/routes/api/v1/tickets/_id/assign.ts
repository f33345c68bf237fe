import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { callerOf } from '../../../../../plugins/app/identity';
import { IdParams } from '../../../../../schemas/common';
import { changeResponses } from '../../../../../schemas/responses';
import { RefTo } from '../../../../../schemas/model';
import { AssignTicketRequest } from '../../../../../schemas/ticket-requests';

const plugin: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post(
    '/assign',
    {
      config: { requires: 'tickets.assign' },
      schema: {
        tags: ['Tickets'],
        operationId: 'assignTicket',
        summary: 'Assign or unassign a ticket',
        description: 'Sends the `assign` update to `ticket-{id}`; `agentId: null` unassigns. Assigning the current assignee again is a no-op.',
        params: IdParams,
        body: RefTo(AssignTicketRequest),
        response: changeResponses(
          'Invalid body (`validation_failed`, `malformed_json`, `invalid_assignment`).',
          'The ticket is closed, merged or removed (`ticket_closed`), or the change is not allowed (`illegal_transition`).',
        ),
      },
    },
    async (request) => fastify.tickets.assign(callerOf(request), request.params.id, request.body),
  );
};

export default plugin;
