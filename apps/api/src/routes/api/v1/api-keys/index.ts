import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createApiKeyUseCases } from '../../../../api-keys/use-cases';
import { API_KEY_MODELS, CreateApiKeyRequest, ListApiKeysQuery } from '../../../../schemas/api-key';
import { RefTo } from '../../../../schemas/model';
import { Ref, json, problem } from '../../../../schemas/responses';
import revoke from './_id/revoke';

/** Where this folder is mounted. */
export const API_KEYS_PATH = '/api/v1/api-keys';

const plugin: FastifyPluginAsyncTypebox = async (fastify) => {
  for (const schema of API_KEY_MODELS) fastify.addSchema(schema);
  const keys = createApiKeyUseCases(fastify.pg);

  fastify.get(
    '',
    {
      config: { requires: 'api-keys.manage' },
      schema: {
        tags: ['API keys'],
        operationId: 'listApiKeys',
        summary: 'List API keys',
        description: 'Active keys (with `includeRevoked`, revoked ones too), oldest first; never the keys themselves.',
        querystring: ListApiKeysQuery,
        response: {
          200: json(Ref('ApiKeyList'), 'The keys.'),
          503: problem(503, 'PostgreSQL is unavailable (`database_unavailable`).'),
        },
      },
    },
    async (request) => ({ items: await keys.list(request.query.includeRevoked ?? false) }),
  );

  fastify.post(
    '',
    {
      config: { requires: 'api-keys.manage' },
      schema: {
        tags: ['API keys'],
        operationId: 'createApiKey',
        summary: 'Create an API key',
        description:
          'Makes a key with these scopes and answers it once (only its SHA-256 is stored), like `npm run api-key -- create`. ' +
          '`actor:impersonate` is not granted over HTTP (403): an operator grants it with the CLI.',
        body: RefTo(CreateApiKeyRequest),
        response: {
          201: json(Ref('CreatedApiKey'), 'Created: the key, shown this once, and its record.'),
          400: problem(400, 'Invalid body: a malformed name, an unknown scope (`validation_failed`, `malformed_json`).'),
          409: problem(409, 'An active key already has this name (`api_key_name_taken`).'),
          503: problem(503, 'PostgreSQL is unavailable (`database_unavailable`).'),
        },
      },
    },
    async (request, reply) => reply.code(201).send(await keys.create(request.body)),
  );

  await fastify.register(revoke, { prefix: '/:id', keys });
};

export default plugin;
