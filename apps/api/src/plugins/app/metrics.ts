import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Pool } from 'pg';
import { createApiMetrics, type ApiMetrics } from '../../metrics/api-metrics';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: ApiMetrics;
  }
}

/** Where the API serves its metrics (CONTRACT section 5); public, like /readyz (see the README to guard it). */
export const METRICS_PATH = '/metrics';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The route template, never the raw path: one series per route, whatever IDs the paths carry. */
function routeOf(request: FastifyRequest): string {
  return request.is404 ? 'unmatched' : (request.routeOptions.url ?? 'unmatched');
}

function track(metrics: ApiMetrics, request: FastifyRequest, reply: FastifyReply): void {
  const started = process.hrtime.bigint();
  metrics.inFlight.inc();
  // 'close' comes once per response, answered or aborted: the in-flight count cannot drift.
  reply.raw.once('close', () => {
    metrics.inFlight.dec();
    const method = METHODS.has(request.method) ? request.method : 'OTHER';
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    metrics.requests.observe({ method, route: routeOf(request), status_code: String(reply.raw.statusCode) }, seconds);
  });
}

/**
 * Decorates `fastify.metrics`: one prom-client registry per app, with request durations and
 * in-flight requests from its hook, Temporal calls from the gateway and the PostgreSQL pool's use.
 * Register it first, so that its hook sees every request, also those that a later hook refuses.
 */
export default fp(
  async (fastify, opts: { pool: Pool }) => {
    const metrics = createApiMetrics({ pool: opts.pool });
    fastify.decorate('metrics', metrics);
    fastify.addHook('onRequest', async (request, reply) => track(metrics, request, reply));
  },
  { name: 'metrics' },
);

/**
 * `GET /metrics` on the API's port (unless API_METRICS_PORT serves it elsewhere). Hidden from the
 * OpenAPI document: it is for Prometheus, not for API clients.
 */
export const metricsRoute = fp(
  async (fastify) => {
    fastify.get(METRICS_PATH, { schema: { hide: true } }, async (_request, reply) =>
      reply.header('cache-control', 'no-store').type(fastify.metrics.registry.contentType).send(await fastify.metrics.registry.metrics()),
    );
  },
  { name: 'metrics-route', dependencies: ['metrics'] },
);
