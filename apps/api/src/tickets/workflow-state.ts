import { ticketWorkflowId } from '@gotrs/contracts';
import type { WorkflowExecutionDescription } from '@temporalio/client';
import { ApiError, temporalUnavailable, ticketNotFound, workflowUnavailable } from '../errors/api-error';
import { isErrorCode } from '../errors/catalog';
import { isTemporalUnreachable, isWorkflowNotFound, updateFailureMessage, updateFailureType } from '../errors/temporal-failures';
import type { TicketDeps } from './deps';

/** Describes `ticket-{id}` within `deadline`; null when Temporal has never heard of it. */
export async function describeTicketWorkflow(deps: TicketDeps, id: string, deadline: number): Promise<WorkflowExecutionDescription | null> {
  const handle = deps.temporal.workflow.getHandle(ticketWorkflowId(id));
  try {
    return await deps.temporal.within('describe-ticket', deadline, () => handle.describe());
  } catch (error) {
    if (isWorkflowNotFound(error)) return null;
    if (isTemporalUnreachable(error)) throw temporalUnavailable(error);
    throw error;
  }
}

export function isRunning(description: WorkflowExecutionDescription | null): description is WorkflowExecutionDescription {
  return description?.status.name === 'RUNNING';
}

/** Why a ticket without a running workflow cannot change: it ended (409), or it never existed (404). */
export async function endedTicketError(deps: TicketDeps, id: string): Promise<ApiError> {
  const row = await deps.store.find(id);
  if (!row) return ticketNotFound(id);
  return new ApiError('ticket_closed', `ticket ${id} is "${row.status}"; only a reopen changes a closed ticket`);
}

const FIELD_OF_CODE: Record<string, string> = {
  pending_until_required: 'body.pendingUntil',
  invalid_pending_until: 'body.pendingUntil',
  invalid_status: 'body.status',
  invalid_assignment: 'body.agentId',
};

/** Maps what a workflow update call threw to the answer: the workflow's refusal, or why it could not answer. */
export async function updateError(deps: TicketDeps, id: string, error: unknown): Promise<unknown> {
  const type = updateFailureType(error);
  if (type !== undefined) {
    const message = updateFailureMessage(error);
    if (!isErrorCode(type)) return new ApiError('internal_error', `the workflow refused the change (${type}): ${message}`, undefined, { cause: error });
    const field = FIELD_OF_CODE[type];
    return new ApiError(type, message, field ? [{ field, message }] : undefined, { cause: error });
  }
  if (isWorkflowNotFound(error)) return endedTicketError(deps, id);
  if (isTemporalUnreachable(error)) return workflowUnavailable(ticketWorkflowId(id), error);
  return error;
}
