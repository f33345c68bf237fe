import {
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  isGrpcServiceError,
} from '@temporalio/client';
import { failureMessage, failureType } from '@gotrs/contracts';
import { ApiError, temporalUnavailable, workflowUnavailable } from '../errors/api-error';
import { isErrorCode } from '../errors/catalog';
import { TemporalDeadlineError } from './deadline';

/**
 * gRPC codes that mean "the server did not answer in time / cannot be reached", not "you asked wrong".
 * Temporal refusing the gateway's own credentials (API key, client certificate) is also unavailability
 * to our callers: they cannot fix it, and it is never retried (the SDK does not retry these codes).
 */
const UNREACHABLE_CODES = new Set<number>([
  1, // CANCELLED
  4, // DEADLINE_EXCEEDED
  7, // PERMISSION_DENIED
  8, // RESOURCE_EXHAUSTED
  14, // UNAVAILABLE
  16, // UNAUTHENTICATED
]);

function grpcCode(error: unknown): number | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isGrpcServiceError(e)) return e.code;
  }
  return undefined;
}

/** The call ran out of time or Temporal cannot be reached (the deadline fired, the channel is down). */
export function isTemporalUnreachable(error: unknown): boolean {
  if (error instanceof TemporalDeadlineError || error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  const code = grpcCode(error);
  if (code !== undefined) return UNREACHABLE_CODES.has(code);
  return error instanceof ServiceError;
}

export function isWorkflowNotFound(error: unknown): boolean {
  return error instanceof WorkflowNotFoundError;
}

export function isAlreadyStarted(error: unknown): boolean {
  return error instanceof WorkflowExecutionAlreadyStartedError;
}

/** A start, describe or signal that failed: unreachable Temporal is a 503; anything else goes on as it is. */
export function callError(error: unknown): unknown {
  return isTemporalUnreachable(error) ? temporalUnavailable(error) : error;
}

/** The field a workflow's refusal code is about, for the problem's `errors` list. */
const FIELD_OF_CODE: Record<string, string> = {
  pending_until_required: 'body.pendingUntil',
  invalid_pending_until: 'body.pendingUntil',
  invalid_status: 'body.status',
  invalid_assignment: 'body.agentId',
};

/**
 * What an update (or update-with-start) threw, as the API's error: the workflow's refusal (its
 * ApplicationFailure's `type` is one of the catalog's codes), or 503 `workflow_unavailable` when
 * the workflow did not answer. Undefined for "no such workflow"; anything else goes on as it is.
 */
export function updateError(workflowId: string, error: unknown): unknown {
  const type = error instanceof WorkflowUpdateFailedError ? failureType(error) : undefined;
  if (type !== undefined) {
    const message = failureMessage(error);
    if (!isErrorCode(type)) return new ApiError('internal_error', `the workflow refused the change (${type}): ${message}`, undefined, { cause: error });
    const field = FIELD_OF_CODE[type];
    return new ApiError(type, message, field ? [{ field, message }] : undefined, { cause: error });
  }
  if (isWorkflowNotFound(error)) return undefined;
  if (isTemporalUnreachable(error)) return workflowUnavailable(workflowId, error);
  return error;
}

/** Whether `error` is one of the 503s the door answers when Temporal or the workflow did not answer. */
export function isUnanswered(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'temporal_unavailable' || error.code === 'workflow_unavailable');
}
