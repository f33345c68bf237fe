import { WorkflowNotFoundError } from '@temporalio/common';
import {
  ServiceError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  isGrpcServiceError,
} from '@temporalio/client';
import { TemporalDeadlineError } from '../temporal/gateway';

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

/**
 * The `type` of the ApplicationFailure a workflow update handler or validator rejected with
 * (one of contracts' TicketErrorCodes), or undefined when the error is something else.
 */
export function updateFailureType(error: unknown): string | undefined {
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const type = (error.cause as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' ? type : undefined;
}

/** The message of the failure a workflow rejected an update with. */
export function updateFailureMessage(error: unknown): string {
  const cause = (error as { cause?: { message?: unknown } }).cause;
  return typeof cause?.message === 'string' ? cause.message : (error as Error).message;
}
