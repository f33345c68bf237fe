import FindMyWay from 'find-my-way';
import fp from 'fastify-plugin';
import { ApiError } from '../../errors/api-error';

export interface MethodNotAllowedOptions {
  /** The app router's options that change what a path matches. */
  ignoreTrailingSlash: boolean;
  maxParamLength: number;
}

const noop = () => undefined;

/**
 * 405 with an `Allow` header, instead of 404, for a method the path has no route for while other
 * methods have one. Every registered route is mirrored into a second router that is asked, for a
 * request Fastify found no route for, which methods would have matched. Runs at onRequest, before
 * any body is read.
 */
export default fp(
  async (fastify, opts: MethodNotAllowedOptions) => {
    const router = FindMyWay({ ignoreTrailingSlash: opts.ignoreTrailingSlash, maxParamLength: opts.maxParamLength });
    const methods = new Set<FindMyWay.HTTPMethod>();
    fastify.addHook('onRoute', (route) => {
      for (const method of [route.method].flat() as FindMyWay.HTTPMethod[]) {
        methods.add(method);
        if (!router.hasRoute(method, route.url)) router.on(method, route.url, noop);
      }
    });
    fastify.addHook('onRequest', async (request, reply) => {
      if (!request.is404) return;
      const path = request.url.split('?')[0] ?? request.url;
      const allowed = [...methods].filter((method) => router.find(method, path) !== null).sort();
      if (allowed.length === 0) return;
      reply.header('allow', allowed.join(', '));
      throw new ApiError('method_not_allowed', `${request.method} is not allowed on ${path}; it takes ${allowed.join(', ')}`);
    });
  },
  { name: 'method-not-allowed' },
);
