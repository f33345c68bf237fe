import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';

/**
 * Swagger UI at /docs, reading the generated document. "Authorize" takes a GOTRS token or an API key
 * for the document's bearer scheme and keeps it in the browser's localStorage for this origin
 * (persistAuthorization), so a reload does not ask again; "Logout" there forgets it. It runs under
 * the CSP of plugins/external/helmet.ts: everything it loads comes from /docs/static.
 */
export default fp(
  async (fastify) => {
    await fastify.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: { persistAuthorization: true },
    });
  },
  { name: 'swagger-ui', dependencies: ['swagger'] },
);
