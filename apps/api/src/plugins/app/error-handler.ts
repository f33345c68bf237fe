import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../../errors/api-error';
import { prepareProblemReply, problemBody } from '../../errors/problem-body';
import { toApiError } from '../../errors/to-api-error';

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
