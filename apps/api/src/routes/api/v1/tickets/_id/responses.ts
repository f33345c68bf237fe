import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { callerOf } from '../../../../../plugins/app/identity';
import { IdParams } from '../../../../../schemas/common';
import { changeResponses } from '../../../../../schemas/responses';
import { RefTo } from '../../../../../schemas/model';
import { RecordTicketResponseRequest } from '../../../../../schemas/sla-requests';

const plugin: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post(
    '/responses',
    {
      config: { requires: 'tickets.respond' },
      schema: {
        tags: ['Tickets'],
        operationId: 'recordTicketResponse',
        summary: "Record an agent's response",
        description:
          'GOTRS reports each agent reply here. Sends the `record-response` update to `ticket-{id}`, which records it in the history ' +
          "and tells the ticket's SLA: the first one meets `FirstResponse`, each one restarts the `Update` clock. The caller is the " +
          'responder: a person records their own responses (`agentId` left out or naming them); an API key with `actor:impersonate` ' +
          "(GOTRS reporting its agents' replies) names the agent, and the response is recorded on the agent's behalf.",
        params: IdParams,
        body: RefTo(RecordTicketResponseRequest),
        response: changeResponses(
          'Invalid body (`validation_failed`, `malformed_json`, `invalid_assignment`).',
          'The ticket is closed, merged or removed (`ticket_closed`).',
        ),
      },
    },
    async (request) => fastify.tickets.respond(callerOf(request), request.params.id, request.body),
  );
};

export default plugin;
