import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';

/**
 * @fastify/rate-limit's counters (fastify.createRateLimit), without hooks of its own: whom a request
 * counts against depends on its credentials, which plugins/app/rate-limits.ts decides.
 */
export default fp(
  async (fastify) => {
    await fastify.register(rateLimit, { global: false });
  },
  { name: 'rate-limit' },
);
