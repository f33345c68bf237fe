import type { FastifyError, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError, databaseUnavailable, temporalUnavailable } from '../../errors/api-error';
import { isConnectionError as isDatabaseUnreachable } from '@gotrs/db';
import { isTemporalUnreachable } from '../../errors/temporal-failures';
import { prepareProblemReply, problemBody } from '../../errors/problem-body';

/** Fastify's own request errors (body parsing, content type) and what we call them. */
const FRAMEWORK_CODES: Record<string, ConstructorParameters<typeof ApiError>[0]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
};

/** Any thrown value as an ApiError; anything unexpected becomes a 500 that reveals nothing. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const fastifyError = error as Partial<FastifyError>;
  const known = fastifyError.code ? FRAMEWORK_CODES[fastifyError.code] : undefined;
  if (known) return new ApiError(known, fastifyError.message ?? known, undefined, { cause: error });
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new ApiError('bad_request', fastifyError.message ?? 'bad request', undefined, { cause: error });
  }
  if (isDatabaseUnreachable(error)) return databaseUnavailable(error);
  if (isTemporalUnreachable(error)) return temporalUnavailable(error);
  return new ApiError('internal_error', 'unexpected failure; the request ID identifies it in the logs', undefined, { cause: error });
}

function logError(request: FastifyRequest, error: ApiError, original: unknown): void {
  if (error.status >= 500 && error.status !== 503) request.log.error({ err: original }, `request failed: ${error.code}`);
  else if (error.status === 503) request.log.warn({ err: original }, `dependency unavailable: ${error.code}`);
  else request.log.info({ code: error.code, errors: error.errors }, `request refused: ${error.code}`);
}

/** One error handler for the whole app: every error is answered as application/problem+json. */
export default fp(
  async (fastify, opts: { retryAfterSeconds: number }) => {
    fastify.setErrorHandler((error, request, reply) => {
      const apiError = toApiError(error);
      logError(request, apiError, error);
      return prepareProblemReply(reply, apiError.status, opts.retryAfterSeconds).send(problemBody(apiError, request));
    });
    fastify.setNotFoundHandler((request, reply) => {
      const apiError = new ApiError('route_not_found', `no route for ${request.method} ${request.url.split('?')[0]}`);
      return prepareProblemReply(reply, 404, opts.retryAfterSeconds).send(problemBody(apiError, request));
    });
  },
  { name: 'error-handler' },
);
