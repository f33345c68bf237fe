import { ticketWorkflowId } from '@gotrs/contracts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams } from '../../../../../schemas/common';
import { changeResponses } from '../../../../../schemas/responses';
import { RefTo } from '../../../../../schemas/model';
import { RecordTicketResponseRequest } from '../../../../../schemas/sla-requests';

const plugin: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post(
    '/responses',
    {
      schema: {
        tags: ['Tickets'],
        operationId: 'recordTicketResponse',
        summary: "Record an agent's response",
        description:
          'GOTRS reports each agent reply here. Sends the `record-response` update to `ticket-{id}`, which records it in the history ' +
          "and tells the ticket's SLA: the first one meets `FirstResponse`, each one restarts the `Update` clock. `actor` defaults to the agent.",
        params: IdParams,
        body: RefTo(RecordTicketResponseRequest),
        response: changeResponses(
          'Invalid body (`validation_failed`, `malformed_json`, `invalid_assignment`).',
          'The ticket is closed, merged or removed (`ticket_closed`).',
        ),
      },
    },
    async (request) => {
      request.bindWorkflow(ticketWorkflowId(request.params.id));
      return fastify.tickets.respond(request.params.id, request.body);
    },
  );
};

export default plugin;
