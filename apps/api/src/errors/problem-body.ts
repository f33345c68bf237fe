import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Problem } from '../schemas/problem';
import type { ApiError } from './api-error';
import { ERROR_CATALOG, problemType } from './catalog';

/** The RFC 9457 body of an ApiError answered to `request`. */
export function problemBody(error: ApiError, request: FastifyRequest): Problem {
  const body: Problem = {
    type: problemType(error.code),
    title: ERROR_CATALOG[error.code].title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: request.id,
  };
  if (error.errors?.length) body.errors = error.errors;
  return body;
}

/** Sets the status, the problem+json content type and, for 503s, Retry-After. */
export function prepareProblemReply(reply: FastifyReply, status: number, retryAfterSeconds: number): FastifyReply {
  reply.code(status).type('application/problem+json');
  if (status === 503) reply.header('retry-after', String(retryAfterSeconds));
  return reply;
}
