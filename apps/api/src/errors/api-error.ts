import { ERROR_CATALOG, type ErrorCode } from './catalog';

/** One offending input field: `body.title`, `querystring.limit`, `headers.idempotency-key`... */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * The one error type of the API: a stable `code` (see ERROR_CATALOG) and a human `detail`. The error
 * handler turns it into application/problem+json with the catalog's status and title.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly errors?: FieldError[],
    options?: { cause?: unknown },
  ) {
    super(detail, options);
    this.status = ERROR_CATALOG[code].status;
  }
}

export function ticketNotFound(id: string): ApiError {
  return new ApiError('ticket_not_found', `no ticket with id "${id}"`);
}

export function notificationNotFound(id: string): ApiError {
  return new ApiError('notification_not_found', `no notification with id "${id}"`);
}

export function temporalUnavailable(cause: unknown): ApiError {
  return new ApiError('temporal_unavailable', 'Temporal did not answer in time; retry later', undefined, { cause });
}

export function databaseUnavailable(cause: unknown): ApiError {
  return new ApiError('database_unavailable', 'PostgreSQL cannot be reached; retry later', undefined, { cause });
}

export function workflowUnavailable(workflowId: string, cause: unknown): ApiError {
  return new ApiError(
    'workflow_unavailable',
    `workflow ${workflowId} did not answer in time (is a worker running?); repeating the same request is safe`,
    undefined,
    { cause },
  );
}
