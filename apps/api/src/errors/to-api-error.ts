import type { FastifyError } from 'fastify';
import { isConnectionError as isDatabaseUnreachable } from '@gotrs/db';
import { ApiError, databaseUnavailable, temporalUnavailable } from './api-error';
import type { ErrorCode } from './catalog';
import { isTemporalUnreachable } from '../temporal/failures';

/** Fastify's own request errors (URL, body parsing, content type) and what we call them. */
const FRAMEWORK_CODES: Record<string, ErrorCode> = {
  FST_ERR_BAD_URL: 'bad_request',
  FST_ERR_MAX_PARAM_LENGTH: 'bad_request',
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
