import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RefTo } from '../../../../../schemas/model';
import { Ref, json, problem } from '../../../../../schemas/responses';
import { RotateWebhookSecretRequest, WebhookIdParams } from '../../../../../schemas/webhook';
import type { WebhookService } from '../../../../../webhooks/webhook-service';

const plugin: FastifyPluginAsyncTypebox<{ webhooks: WebhookService }> = async (fastify, { webhooks }) => {
  fastify.post(
    '/rotate-secret',
    {
      config: { requires: 'webhooks.manage' },
      schema: {
        tags: ['Webhooks'], operationId: 'rotateWebhookSecret', summary: "Rotate a subscription's signing secret",
        description:
          'Answers a new secret this once. For webhooks.secret_rotation_grace (24 h by default) deliveries carry two signatures, ' +
          'by the new and the old secret (`webhook-signature: v1,<new> v1,<old>`), so the receiver can switch without losing one; after it, the new one only. ' +
          'No body (`{}` or empty, with `Content-Type: application/json`).',
        params: WebhookIdParams,
        body: RefTo(RotateWebhookSecretRequest),
        response: {
          200: json(Ref('CreatedWebhook'), 'The subscription and its new secret, shown this once.'),
          400: problem(400, 'Not a UUID (`validation_failed`).'),
          404: problem(404, 'No such subscription, or it was deleted (`webhook_not_found`).'),
          503: problem(503, 'PostgreSQL is unavailable (`database_unavailable`).'),
        },
      },
    },
    async (request) => webhooks.rotate(request.params.id),
  );
};

export default plugin;
