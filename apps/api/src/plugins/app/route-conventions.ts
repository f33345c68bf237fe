import type { RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { permissionSentence, protectedParts } from '../../openapi/security';
import { NoQuery } from '../../schemas/common';
import { BODY_RESPONSES, EDGE_RESPONSES, problem } from '../../schemas/responses';

/** The REST surface: the routes these conventions apply to (not the probes, not /docs). */
const API_PREFIX = '/api/';

/** Methods whose body Fastify reads (and can refuse with 413 or 415) before any handler runs. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

const SECONDS = (description: string) => ({ type: 'integer', description });

/** Every API route is rate limited (plugins/app/rate-limits.ts, config `api.rate_limit`). */
const RATE_LIMITED = {
  429: {
    ...problem(
      429,
      'Too many requests (`rate_limited`): this caller\'s budget, or for requests without verified credentials the address\'s, ' +
        'is spent until the window renews.',
    ),
    headers: {
      'retry-after': SECONDS('Seconds until the budget renews.'),
      'ratelimit-limit': SECONDS('Requests allowed per window.'),
      'ratelimit-remaining': SECONDS('Requests left in this window: 0.'),
      'ratelimit-reset': SECONDS('Seconds until the window renews.'),
    },
  },
};

type RouteSchema = {
  hide?: boolean;
  operationId?: string;
  description?: string;
  querystring?: unknown;
  response?: Record<string, { description?: string } | undefined>;
  security?: unknown;
  'x-gotrs-permission'?: unknown;
};

/** `GET /healthz` → `getHealthz`: a name for a documented route that gives none. */
export function derivedOperationId(method: string, url: string): string {
  const words = url.split(/[^A-Za-z0-9]+/).filter(Boolean).map((word) => word[0]!.toUpperCase() + word.slice(1));
  return method.toLowerCase() + words.join('');
}

function applyConventions(route: RouteOptions): void {
  const schema = route.schema as RouteSchema | undefined;
  if (!schema || schema.hide) return;
  const methods = [route.method].flat().map(String);
  schema.operationId ??= derivedOperationId(methods[0]!, route.url);
  if (!route.url.startsWith(API_PREFIX)) return;
  schema.querystring ??= NoQuery;
  const carriesBody = methods.some((method) => BODY_METHODS.has(method));
  schema.response = { ...EDGE_RESPONSES, ...RATE_LIMITED, ...(carriesBody ? BODY_RESPONSES : {}), ...schema.response };
  const requires = route.config?.requires;
  // A GET's HEAD route shares its schema: apply this once.
  if (requires === undefined || schema.security !== undefined) return;
  const secured = protectedParts(requires, schema.response);
  schema.security = secured.security;
  schema.response = { ...schema.response, ...secured.responses };
  if (secured.permission) schema['x-gotrs-permission'] = secured.permission;
  schema.description = [schema.description, permissionSentence(secured.permission)].filter(Boolean).join('\n\n');
}

/**
 * What every documented route gets without saying it: an operationId (derived from method and
 * path when the route names none), and on the REST surface a query string that refuses unknown
 * parameters and the responses any route can give (400, 429, 500; 413 and 415 with a body). A route
 * that needs credentials (`config.requires`, checked by the identity plugin) gets the bearer
 * security requirement, 401 and 403, the 404 of what its callers may not see, the permission as
 * `x-gotrs-permission` and a sentence saying who may call it.
 */
export default fp(
  async (fastify) => {
    fastify.addHook('onRoute', applyConventions);
  },
  { name: 'route-conventions' },
);
