import swagger from '@fastify/swagger';
import fp from 'fastify-plugin';
import { OPENAPI_INFO, OPENAPI_SERVERS, OPENAPI_TAGS } from '../../openapi/info';
import { SECURITY_SCHEMES } from '../../openapi/security';
import { declareRequestId } from '../../openapi/request-id';

/**
 * OpenAPI 3.1 generated from the routes' schemas; shared models keep their `$id` as component name.
 * Served at GET /openapi.json and committed as openapi/openapi.json (npm run openapi).
 */
export default fp(
  async (fastify) => {
    await fastify.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: OPENAPI_INFO,
        servers: OPENAPI_SERVERS,
        tags: OPENAPI_TAGS,
        components: { securitySchemes: SECURITY_SCHEMES },
      },
      transformObject: (document) =>
        'openapiObject' in document ? declareRequestId(document.openapiObject) : document.swaggerObject,
      refResolver: {
        buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
      },
    });
    fastify.get('/openapi.json', { schema: { hide: true } }, async () => fastify.swagger());
  },
  { name: 'swagger' },
);
