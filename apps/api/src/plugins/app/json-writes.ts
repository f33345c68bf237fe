import type { FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../../errors/api-error';

/** Methods that change something: each must say `Content-Type: application/json`. */
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const API_PREFIX = '/api/';

type BodySchema = { $ref?: string; required?: unknown[] };

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** A write that declares no body would be documented as taking none, and clients would send no content type. */
function requireBodySchema(route: RouteOptions): void {
  const schema = route.schema;
  if (!route.url.startsWith(API_PREFIX) || schema?.hide || schema?.body !== undefined) return;
  const writes = [route.method].flat().filter((method) => WRITE_METHODS.has(method));
  if (writes.length) throw new Error(`route ${writes.join(',')} ${route.url} declares no body: declare one (an empty object model if it takes no field)`);
}

/**
 * No state-changing request can be a CORS "simple request", which a page on any origin may send
 * without a preflight (`fetch(url, {method: 'POST', mode: 'no-cors'})`, a form): every POST, PUT, PATCH
 * and DELETE must carry `Content-Type: application/json`, with or without a body, else 415
 * `unsupported_media_type`. So that a write whose body has no required field can still be sent bare
 * (`curl -X POST .../reopen -H 'Content-Type: application/json'`), an empty JSON body is `{}` there; on
 * routes that need fields it stays a 400 `malformed_json`. Every write on the REST surface must declare
 * a body (an empty object model when it takes no field), so that the document makes clients send the
 * header: a route that declares none fails at start.
 */
export default fp(
  async (fastify) => {
    const { onProtoPoisoning = 'error', onConstructorPoisoning = 'error' } = fastify.initialConfig;
    const parseJson = fastify.getDefaultJsonParser(onProtoPoisoning, onConstructorPoisoning);

    /** What an empty body is on this route: nothing (no body schema: a 404, say), `{}`, or malformed. */
    const emptyBodyOf = (request: FastifyRequest): { body: undefined | object } | null => {
      const declared = request.routeOptions.schema?.body as BodySchema | undefined;
      if (declared === undefined) return { body: undefined };
      const schema = declared.$ref ? (request.server.getSchema(declared.$ref) as BodySchema | undefined) : declared;
      return schema && !schema.required?.length ? { body: {} } : null;
    };

    fastify.removeContentTypeParser('application/json');
    fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      const empty = body === '' ? emptyBodyOf(request) : null;
      if (empty) done(null, empty.body);
      else void parseJson(request, body as string, done);
    });

    fastify.addHook('onRoute', requireBodySchema);

    // A write without a content type and without a body reaches validation unparsed; one with another
    // type, or with a body and no type, Fastify already answers 415 when it parses.
    fastify.addHook('preValidation', async (request) => {
      if (request.is404 || !WRITE_METHODS.has(request.method) || isJson(request.headers['content-type'])) return;
      throw new ApiError(
        'unsupported_media_type',
        `${request.method} requests need Content-Type: application/json, also with an empty body (no cross-site "simple request" can change anything)`,
      );
    });
  },
  { name: 'json-writes' },
);
