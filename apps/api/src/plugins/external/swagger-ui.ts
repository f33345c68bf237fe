import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';

/** Swagger UI at /docs, reading the generated document. */
export default fp(
  async (fastify) => {
    await fastify.register(swaggerUi, { routePrefix: '/docs' });
  },
  { name: 'swagger-ui', dependencies: ['swagger'] },
);
