import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { callerOf } from '../../../../../plugins/app/identity';
import { IdParams } from '../../../../../schemas/common';
import { changeResponses } from '../../../../../schemas/responses';
import { RefTo } from '../../../../../schemas/model';
import { ReopenTicketRequest } from '../../../../../schemas/ticket-requests';

const plugin: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post(
    '/reopen',
    {
      config: { requires: 'tickets.reopen' },
      schema: {
        tags: ['Tickets'],
        operationId: 'reopenTicket',
        summary: 'Reopen a closed ticket',
        description:
          "Sets a closed ticket's status to `open`. Its workflow run has ended, so this starts a new run under the same workflow ID " +
          '(update-with-start). Merged and removed tickets cannot be reopened. Every field of the body is optional: `{}`, or an empty ' +
          'body with `Content-Type: application/json`, reopens without a reason (the content type is required, as on every change).',
        params: IdParams,
        body: RefTo(ReopenTicketRequest),
        response: changeResponses(
          'Invalid body (`validation_failed`, `malformed_json`).',
          'The ticket is not closed (`ticket_not_closed`), or it is merged or removed (`illegal_transition`).',
        ),
      },
    },
    async (request) => fastify.tickets.reopen(callerOf(request), request.params.id, request.body),
  );
};

export default plugin;
