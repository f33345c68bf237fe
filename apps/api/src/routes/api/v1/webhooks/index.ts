import type { WebhookSettings } from '@gotrs/config';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../../../auth/caller';
import { callerOf } from '../../../../plugins/app/identity';
import { RefTo } from '../../../../schemas/model';
import { Ref, json, problem } from '../../../../schemas/responses';
import { CreateWebhookRequest, WEBHOOK_MODELS, WebhookPageQuery } from '../../../../schemas/webhook';
import { WebhookService } from '../../../../webhooks/webhook-service';
import byId from './_id';

/** Where this folder is mounted. */
export const WEBHOOKS_PATH = '/api/v1/webhooks';

const plugin: FastifyPluginAsyncTypebox<{ settings: WebhookSettings }> = async (fastify, opts) => {
  for (const schema of WEBHOOK_MODELS) fastify.addSchema(schema);
  const webhooks = new WebhookService(fastify.pg, fastify.temporal, opts.settings, fastify.log);

  fastify.post(
    '',
    {
      config: { requires: 'webhooks.manage' },
      schema: {
        tags: ['Webhooks'],
        operationId: 'createWebhook',
        summary: 'Subscribe a URL to events',
        description:
          'Stores the subscription and starts its dispatcher workflow (`webhook-dispatch-{id}`), which POSTs each later event of these types ' +
          'to the URL, signed as Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`), one at a time in event-log order, ' +
          'retrying with backoff (webhooks.retry). Answers the signing `secret` this once. The URL\'s host is resolved now and at every ' +
          'delivery: loopback, private, link-local, metadata and CGNAT addresses are refused unless webhooks.allow_private_targets.',
        body: RefTo(CreateWebhookRequest),
        response: {
          201: json(Ref('CreatedWebhook'), 'Created: the subscription and its secret, shown this once.'),
          400: problem(400, 'Invalid body or URL (`validation_failed`, `malformed_json`); a host that does not resolve (`webhook_target_unresolvable`) or resolves to a private address (`webhook_target_private`).'),
          409: problem(409, 'As many subscriptions as webhooks.max_subscriptions allows (`webhook_limit_reached`).'),
          503: problem(503, 'PostgreSQL (`database_unavailable`) or Temporal (`temporal_unavailable`) is unavailable; nothing was created.'),
        },
      },
    },
    async (request, reply) => reply.code(201).send(await webhooks.create(request.body, actorOf(callerOf(request)).label)),
  );

  fastify.get(
    '',
    {
      config: { requires: 'webhooks.manage' },
      schema: {
        tags: ['Webhooks'],
        operationId: 'listWebhooks',
        summary: 'List webhook subscriptions',
        description: 'Subscriptions that are not deleted, oldest first; never their secrets.',
        querystring: WebhookPageQuery,
        response: {
          200: json(Ref('WebhookPage'), 'A page of subscriptions.'),
          400: problem(400, 'Invalid limit or cursor (`validation_failed`, `invalid_cursor`).'),
          503: problem(503, 'PostgreSQL is unavailable (`database_unavailable`).'),
        },
      },
    },
    async (request) => webhooks.list(request.query.limit ?? 20, request.query.cursor),
  );

  await fastify.register(byId, { prefix: '/:id', webhooks });
};

export default plugin;
