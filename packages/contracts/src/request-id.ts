/**
 * The Temporal header that carries the ID of the request behind a workflow start, signal or update
 * (the API's `X-Request-Id`), so the worker's log lines name it. A JSON string (`json/plain`), as any
 * Temporal client can set it; a value that is not a request ID is ignored.
 */
export const REQUEST_ID_HEADER = 'requestId';

/** The request IDs honoured, as a JSON Schema pattern: short tokens, nothing to escape in a log line. */
export const REQUEST_ID_PATTERN = '^[A-Za-z0-9._:-]{1,128}$';
const SAFE_REQUEST_ID = new RegExp(REQUEST_ID_PATTERN);

/** Whether `value` is a request ID worth carrying (not blank, long, or full of odd bytes). */
export function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && SAFE_REQUEST_ID.test(value);
}
