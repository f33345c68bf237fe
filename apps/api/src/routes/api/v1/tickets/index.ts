import { ticketWorkflowId } from '@gotrs/contracts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { callerScope } from '../../../../auth/caller';
import { callerOf } from '../../../../plugins/app/identity';
import { IdempotencyHeaders } from '../../../../schemas/common';
import { RefTo } from '../../../../schemas/model';
import { Ref, json, jsonWithLocation, problem } from '../../../../schemas/responses';
import type { ApiTicket } from '../../../../schemas/ticket';
import { CreateTicketRequest, ListTicketsQuery } from '../../../../schemas/ticket-requests';
import { toTicketFilter } from '../../../../tickets/list-filter';
import { newTicketId } from '../../../../tickets/ticket-id';
import ticketRoutes from './_id';

/** Where this folder is mounted; the Location of a created ticket is under it. */
export const TICKETS_PATH = '/api/v1/tickets';

const Ticket = Ref<ApiTicket>('Ticket');

const plugin: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post(
    '',
    {
      config: { requires: 'tickets.create' },
      schema: {
        tags: ['Tickets'],
        operationId: 'createTicket',
        summary: 'Create a ticket',
        description:
          'Starts `TicketLifecycleWorkflow` (`ticket-{id}`) and `SLAEnforcementWorkflow` (`sla-{id}`, with the SLA policy chosen by ' +
          'priority and queue, or the `sla` override\'s targets) and waits briefly for the ticket to be written: 201 with the ticket, ' +
          'or 202 with the accepted ticket (`number` null) when the worker or PostgreSQL is slow or down; it completes when they are back. ' +
          'Send an `Idempotency-Key` to make retries safe (keys are per caller: nobody else\'s equal key meets yours). ' +
          "A Customer creates tickets for themselves (`customerUserId` is their email, or left out) and cannot override the SLA.",
        headers: IdempotencyHeaders,
        body: RefTo(CreateTicketRequest),
        response: {
          201: jsonWithLocation(Ticket, 'Created and written.'),
          202: jsonWithLocation(Ticket, 'Accepted by Temporal; the worker writes it later (`number` is null until then).'),
          400: problem(400, 'Invalid body or header (`validation_failed`, `malformed_json`), or a malformed `sla` duration (`invalid_duration`).'),
          409: problem(409, 'The idempotent retry names a ticket whose workflow ended before it was written (`ticket_closed`).'),
          422: problem(422, 'The Idempotency-Key was used with a different body (`idempotency_key_reused`).'),
          503: problem(503, 'Temporal (`temporal_unavailable`) or PostgreSQL (`database_unavailable`) is unavailable.'),
        },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const id = newTicketId(callerScope(caller), request.headers['idempotency-key']);
      request.bindWorkflow(ticketWorkflowId(id));
      const { ticket, persisted } = await fastify.tickets.create(caller, id, request.body);
      reply.header('location', `${TICKETS_PATH}/${encodeURIComponent(id)}`);
      return reply.code(persisted ? 201 : 202).send(ticket);
    },
  );

  fastify.get(
    '',
    {
      config: { requires: 'tickets.list' },
      schema: {
        tags: ['Tickets'],
        operationId: 'listTickets',
        summary: 'List tickets',
        description:
          'Newest first. Filters combine with AND; `status` and `statusType` match any of their values, given by repeating the ' +
          'parameter (`status=open&status=new`) or comma-separated (`status=open,new`). A Customer lists their own tickets only ' +
          '(a `customerUserId` other than their email is 403).',
        querystring: ListTicketsQuery,
        response: {
          200: json(Ref('TicketPage'), 'A page of tickets.'),
          400: problem(400, 'Invalid or unknown filter, limit or cursor (`validation_failed`, `invalid_cursor`).'),
          503: problem(503, 'PostgreSQL is unavailable (`database_unavailable`).'),
        },
      },
    },
    async (request) => {
      const { limit = 20, cursor, ...filters } = request.query;
      return fastify.tickets.list(callerOf(request), toTicketFilter(filters), limit, cursor);
    },
  );

  await fastify.register(ticketRoutes, { prefix: '/:id' });
};

export default plugin;
