import type { AuthSettings } from '@gotrs/config';
import { findApiKeyByHash, touchApiKey } from '@gotrs/db';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createAuthenticator } from '../../auth/authenticator';
import { callerScope, type Caller } from '../../auth/caller';
import { enforce } from '../../auth/denial-error';
import { decideOperation, isOperation, type Operation } from '../../auth/operations';
import { createTokenVerifier } from '../../auth/token-verifier';
import { ApiError } from '../../errors/api-error';

/** What a route needs: an operation of auth/operations.ts, or only a verified caller. */
export type RouteRequirement = Operation | 'authenticated';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; null only on the public routes (health, OpenAPI, docs). */
    caller: Caller | null;
  }
  interface FastifyContextConfig {
    /** Every route outside the public ones declares it: `config: { requires: 'tickets.assign' }`. */
    requires?: RouteRequirement;
  }
}

/** CONTRACT section 4: these answer without credentials; everything else needs them. */
export const PUBLIC_ROUTES = ['/healthz', '/readyz', '/openapi.json', '/docs', '/metrics'] as const;

/** Whether a route path (as declared, e.g. `/docs/static/*`) is public. */
export function isPublicRoute(url: string | undefined): boolean {
  if (url === undefined) return false;
  return (PUBLIC_ROUTES as readonly string[]).includes(url) || url.startsWith('/docs/');
}

/** The caller of a request on a non-public route. */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new ApiError('internal_error', 'this route has no caller: it is public');
  return request.caller;
}

function setLogBinding(request: FastifyRequest, caller: Caller): void {
  const log = request.log as typeof request.log & { setBindings?: (bindings: object) => void };
  if (log.setBindings) log.setBindings({ caller: callerScope(caller) });
  else request.log = request.log.child({ caller: callerScope(caller) });
}

/**
 * The identity door: turns `Authorization: Bearer <GOTRS token | API key>` into `request.caller`
 * before the body is read, and checks the route's `config.requires` (403 forbidden or
 * insufficient_scope). Register it after `database` and before the routes: a route registered after
 * it that is not public and declares no `requires` fails at start. Refusals answer 401 with
 * `WWW-Authenticate: Bearer ...` (RFC 6750); a 404 for an unknown path needs credentials too.
 */
export default fp(
  async (fastify, opts: { settings: AuthSettings }) => {
    const authenticator = createAuthenticator({
      tokens: createTokenVerifier(opts.settings),
      apiKeys: {
        findByHash: (hash) => findApiKeyByHash(fastify.pg, hash),
        touch: (id, at) => touchApiKey(fastify.pg, id, at, opts.settings.apiKeyLastUsedIntervalMs),
      },
      lastUsedIntervalMs: opts.settings.apiKeyLastUsedIntervalMs,
      onTouchError: (error) => fastify.log.warn({ err: error }, "recording an API key's last use failed"),
    });

    fastify.decorateRequest('caller', null);

    fastify.addHook('onRoute', (route) => {
      if (isPublicRoute(route.url)) return;
      const requires = route.config?.requires;
      if (requires === 'authenticated' || isOperation(requires)) return;
      const methods = Array.isArray(route.method) ? route.method.join(',') : route.method;
      throw new Error(`route ${methods} ${route.url} declares no permission: add config: { requires: '<operation>' } (auth/operations.ts)`);
    });

    fastify.addHook('onRequest', async (request) => {
      if (isPublicRoute(request.routeOptions.url)) return;
      const caller = await authenticator.authenticate(request.headers.authorization);
      request.caller = caller;
      setLogBinding(request, caller);
      if (request.is404) return;
      const requires = request.routeOptions.config.requires;
      if (requires === 'authenticated') return;
      if (!isOperation(requires)) throw new ApiError('internal_error', `route ${request.routeOptions.url} declares no permission`);
      enforce(decideOperation(caller, requires));
    });

    fastify.addHook('onError', async (_request, reply, error) => {
      const challenge = (error as { challenge?: unknown }).challenge;
      if (typeof challenge === 'string') reply.header('www-authenticate', challenge);
    });
  },
  { name: 'identity', dependencies: ['database'] },
);
