import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RefTo } from '../../../../../schemas/model';
import { Ref, json, problem } from '../../../../../schemas/responses';
import { DeleteWebhookRequest, WebhookIdParams, WebhookPageQuery } from '../../../../../schemas/webhook';
import type { WebhookService } from '../../../../../webhooks/webhook-service';
import rotateSecret from './rotate-secret';

const NOT_FOUND = problem(404, 'No such subscription, or it was deleted (`webhook_not_found`).');
const DB_DOWN = problem(503, 'PostgreSQL is unavailable (`database_unavailable`).');

const plugin: FastifyPluginAsyncTypebox<{ webhooks: WebhookService }> = async (fastify, { webhooks }) => {
  fastify.get(
    '',
    {
      config: { requires: 'webhooks.manage' },
      schema: {
        tags: ['Webhooks'], operationId: 'getWebhook', summary: 'A webhook subscription', description: 'Its target, events and state; never its secret.',
        params: WebhookIdParams,
        response: { 200: json(Ref('Webhook'), 'The subscription.'), 400: problem(400, 'Not a UUID (`validation_failed`).'), 404: NOT_FOUND, 503: DB_DOWN },
      },
    },
    async (request) => webhooks.get(request.params.id),
  );

  fastify.delete(
    '',
    {
      config: { requires: 'webhooks.manage' },
      schema: {
        tags: ['Webhooks'], operationId: 'deleteWebhook', summary: 'Delete a webhook subscription',
        description: 'Nothing more is delivered to it: its dispatcher is cancelled (and stops by itself at its next read should Temporal not answer). Its delivery log is kept.',
        params: WebhookIdParams,
        body: RefTo(DeleteWebhookRequest),
        response: { 200: json(Ref('Webhook'), 'The subscription as it was; deleted.'), 400: problem(400, 'Not a UUID (`validation_failed`).'), 404: NOT_FOUND, 503: DB_DOWN },
      },
    },
    async (request) => webhooks.delete(request.params.id, request.log),
  );

  fastify.get(
    '/deliveries',
    {
      config: { requires: 'webhooks.manage' },
      schema: {
        tags: ['Webhooks'], operationId: 'listWebhookDeliveries', summary: "A subscription's delivery log",
        description: 'Every attempt, newest first: the event, the `webhook-id` (the same on each attempt of an event), the attempt, its outcome, the status answered, the latency and the error.',
        params: WebhookIdParams,
        querystring: WebhookPageQuery,
        response: {
          200: json(Ref('WebhookDeliveryPage'), 'A page of attempts.'),
          400: problem(400, 'Not a UUID, an invalid limit or cursor (`validation_failed`, `invalid_cursor`).'),
          404: NOT_FOUND, 503: DB_DOWN,
        },
      },
    },
    async (request) => webhooks.deliveries(request.params.id, request.query.limit ?? 20, request.query.cursor),
  );

  await fastify.register(rotateSecret, { webhooks });
};

export default plugin;
