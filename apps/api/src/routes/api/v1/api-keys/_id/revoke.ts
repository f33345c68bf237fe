import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ApiKeyUseCases } from '../../../../../api-keys/use-cases';
import { ApiKeyIdParams, RevokeApiKeyRequest } from '../../../../../schemas/api-key';
import { RefTo } from '../../../../../schemas/model';
import { Ref, json, problem } from '../../../../../schemas/responses';

const plugin: FastifyPluginAsyncTypebox<{ keys: ApiKeyUseCases }> = async (fastify, opts) => {
  fastify.post(
    '/revoke',
    {
      config: { requires: 'api-keys.manage' },
      schema: {
        tags: ['API keys'],
        operationId: 'revokeApiKey',
        summary: 'Revoke an API key',
        description:
          'By ID, or the active key by name. The key is refused from the next request on (keys are not cached); revoking it again ' +
          '(by ID) keeps the first time. No body (`{}` or empty, with `Content-Type: application/json`).',
        params: ApiKeyIdParams,
        body: RefTo(RevokeApiKeyRequest),
        response: {
          200: json(Ref('ApiKey'), 'The key, revoked.'),
          400: problem(400, 'Invalid key ID or name (`validation_failed`).'),
          404: problem(404, 'No key with this ID, and no active key of this name (`api_key_not_found`).'),
          503: problem(503, 'PostgreSQL is unavailable (`database_unavailable`).'),
        },
      },
    },
    async (request) => opts.keys.revoke(request.params.id),
  );
};

export default plugin;
