import { TicketErrorCodes } from '@gotrs/contracts';

/**
 * Every problem `code` the API answers with, its HTTP status and its title. The one place that maps
 * codes to statuses; the error handler and the OpenAPI descriptions read it.
 */
export const ERROR_CATALOG = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  malformed_json: { status: 400, title: 'The body is not valid JSON' },
  bad_request: { status: 400, title: 'Bad request' },
  invalid_cursor: { status: 400, title: 'The cursor is not valid' },
  invalid_parameter: { status: 400, title: 'A value of the request is out of range or malformed' },
  invalid_report_range: { status: 400, title: 'The report range is not valid' },
  invalid_last_event_id: { status: 400, title: 'The Last-Event-ID was not issued by this event log' },
  webhook_target_private: { status: 400, title: 'The webhook URL resolves to a loopback, private, link-local or metadata address' },
  webhook_target_unresolvable: { status: 400, title: 'The webhook URL\'s host does not resolve' },
  invalid_duration: { status: 400, title: 'An SLA duration is not a valid ISO 8601 duration' },
  invalid_policy: { status: 400, title: 'The SLA policy is not valid' },
  [TicketErrorCodes.invalidStatus]: { status: 400, title: 'Unknown status' },
  [TicketErrorCodes.pendingUntilRequired]: { status: 400, title: 'A pending status needs pendingUntil' },
  [TicketErrorCodes.invalidPendingUntil]: { status: 400, title: 'pendingUntil must be a future date-time' },
  [TicketErrorCodes.invalidAssignment]: { status: 400, title: 'The assignment is not valid' },
  unauthorized: { status: 401, title: 'Credentials are required' },
  invalid_token: { status: 401, title: 'The token or API key is not valid' },
  forbidden: { status: 403, title: 'Not allowed' },
  insufficient_scope: { status: 403, title: 'The API key lacks a scope' },
  route_not_found: { status: 404, title: 'No such route' },
  ticket_not_found: { status: 404, title: 'Ticket not found' },
  notification_not_found: { status: 404, title: 'Notification not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed on this path' },
  request_timeout: { status: 408, title: 'The request did not arrive in time' },
  sla_not_found: { status: 404, title: 'The ticket has no SLA' },
  inbox_not_found: { status: 404, title: 'Inbox not found' },
  webhook_not_found: { status: 404, title: 'Webhook subscription not found' },
  api_key_not_found: { status: 404, title: 'API key not found' },
  sla_policy_not_found: { status: 404, title: 'SLA policy not found' },
  sla_policy_version_not_found: { status: 404, title: 'SLA policy version not found' },
  [TicketErrorCodes.illegalTransition]: { status: 409, title: 'Transition not allowed' },
  [TicketErrorCodes.ticketFinal]: { status: 409, title: 'The ticket is closed' },
  [TicketErrorCodes.notClosed]: { status: 409, title: 'The ticket is not closed' },
  notification_not_in_inbox: { status: 409, title: 'The notification is not in an in-app inbox' },
  webhook_limit_reached: { status: 409, title: 'There are as many webhook subscriptions as allowed' },
  api_key_name_taken: { status: 409, title: 'An active API key has this name' },
  event_id_expired: { status: 410, title: 'The events after this Last-Event-ID are past their retention' },
  sla_policy_version_conflict: { status: 409, title: 'This policy version exists with another definition' },
  sla_policy_version_superseded: { status: 409, title: 'A higher version of this policy is in force' },
  payload_too_large: { status: 413, title: 'The body is too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  headers_too_large: { status: 431, title: 'The request headers are too large' },
  report_too_large: { status: 422, title: 'The report did not finish within the statement timeout' },
  idempotency_key_reused: { status: 422, title: 'Idempotency-Key reused with another request' },
  [TicketErrorCodes.changeNotStorable]: { status: 422, title: 'The change cannot be stored' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal_error: { status: 500, title: 'Internal server error' },
  temporal_unavailable: { status: 503, title: 'Temporal is unavailable' },
  workflow_unavailable: { status: 503, title: "The ticket's workflow did not answer in time" },
  database_unavailable: { status: 503, title: 'PostgreSQL is unavailable' },
  too_many_streams: { status: 503, title: 'This server has as many event streams open as it may' },
  not_ready: { status: 503, title: 'A dependency is not available' },
  identity_provider_unavailable: { status: 503, title: "The identity provider's keys cannot be fetched" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

/** Whether a string is one of our problem codes (for failure types coming back from workflows). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CATALOG, value);
}

/** The problem `type` URI of a code. */
export function problemType(code: ErrorCode): string {
  return `urn:gotrs:problem:${code}`;
}
