import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../../errors/api-error';

export interface CorsOptions {
  /** Browser origins allowed to call the API, as browsers send them (config `api.cors_origins`). */
  origins: readonly string[];
}

/** What a browser page on an allowed origin may send and read. */
export const CORS_METHODS = ['GET', 'HEAD', 'POST'];
export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'];
export const CORS_EXPOSED_HEADERS = ['Location', 'X-Request-Id', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'WWW-Authenticate'];
const PREFLIGHT_MAX_AGE_SECONDS = 600;
const METHODS = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT'] as const;

/**
 * CORS for the allowed origins only; any other origin gets no CORS header at all (so its pages
 * cannot read an answer), and neither does an OPTIONS that is no preflight. Preflights are answered
 * in this plugin's onRequest hook, before credentials are looked at (a browser sends none with a
 * preflight): register it before identity. No cookies are used, so no Allow-Credentials: the
 * credential is the `Authorization` header, which the page sets itself.
 */
export default fp(
  async (fastify, opts: CorsOptions) => {
    if (fastify.hasRequestDecorator('caller')) throw new Error('register cors before identity: preflights are answered before credentials are checked');
    const allowed = new Set(opts.origins);
    const optionsFor = (request: FastifyRequest): FastifyCorsOptions => {
      const origin = request.headers.origin;
      const preflight = request.method === 'OPTIONS';
      if (!origin || !allowed.has(origin) || (preflight && !request.headers['access-control-request-method'])) return { origin: false };
      return {
        origin,
        methods: CORS_METHODS,
        allowedHeaders: CORS_ALLOWED_HEADERS,
        exposedHeaders: CORS_EXPOSED_HEADERS,
        maxAge: PREFLIGHT_MAX_AGE_SECONDS,
      };
    };
    await fastify.register(cors, { hook: 'onRequest', delegator: (request, callback) => callback(null, optionsFor(request)) });

    // @fastify/cors routes every OPTIONS to a catch-all route of its own. An OPTIONS it did not
    // answer as a preflight gets what it got before that route existed: 405 with the path's methods,
    // or 404. Here, before identity, because that route declares no permission.
    fastify.addHook('onRequest', async (request, reply) => {
      if (request.method !== 'OPTIONS' || request.routeOptions.url !== '*') return;
      const path = request.url.split('?')[0] ?? request.url;
      const methods = METHODS.filter((method) => fastify.findRoute({ method, url: path }) !== null);
      if (methods.length === 0) throw new ApiError('route_not_found', `no route for OPTIONS ${path}`);
      reply.header('allow', methods.join(', '));
      throw new ApiError('method_not_allowed', `OPTIONS is not allowed on ${path} except as a CORS preflight from an allowed origin; it takes ${methods.join(', ')}`);
    });
  },
  { name: 'cors' },
);
