import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { callerOf } from '../../../../../plugins/app/identity';
import { IdParams } from '../../../../../schemas/common';
import { changeResponses } from '../../../../../schemas/responses';
import { RefTo } from '../../../../../schemas/model';
import { ChangeTicketStatusRequest } from '../../../../../schemas/ticket-requests';

const plugin: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post(
    '/status',
    {
      config: { requires: 'tickets.status' },
      schema: {
        tags: ['Tickets'],
        operationId: 'changeTicketStatus',
        summary: "Change a ticket's status",
        description:
          'Sends the `change-status` update to `ticket-{id}`. Pending statuses need `pendingUntil`. Closing (closed, merged, removed) ' +
          "ends the ticket's workflow run; use /reopen to reopen a closed ticket. Setting the current status again is a no-op.",
        params: IdParams,
        body: RefTo(ChangeTicketStatusRequest),
        response: changeResponses(
          'Invalid body or unknown status (`validation_failed`, `invalid_status`), or a pending status without `pendingUntil` (`pending_until_required`).',
          'The transition is not allowed (`illegal_transition`) or the ticket is closed (`ticket_closed`).',
        ),
      },
    },
    async (request) => fastify.tickets.changeStatus(callerOf(request), request.params.id, request.body),
  );
};

export default plugin;
