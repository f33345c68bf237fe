import fp from 'fastify-plugin';
import type { Pool } from 'pg';

declare module 'fastify' {
  interface FastifyInstance {
    pg: Pool;
  }
}

/** Decorates `fastify.pg`. The pool is owned by the caller (server.ts or a test) and closed there. */
export default fp(
  async (fastify, opts: { pool: Pool }) => {
    fastify.decorate('pg', opts.pool);
  },
  { name: 'database' },
);
