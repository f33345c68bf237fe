import { ticketWorkflowId } from '@gotrs/contracts';
import { ApiError, ticketNotFound } from '../errors/api-error';
import type { WorkflowState } from '../temporal/gateway';
import type { TicketDeps } from './deps';

/** Describes `ticket-{id}` within `deadline`; null when Temporal has never heard of it (503 when unreachable). */
export function describeTicketWorkflow(deps: TicketDeps, id: string, deadline: number): Promise<WorkflowState | null> {
  return deps.temporal.describe('describe-ticket', ticketWorkflowId(id), deadline);
}

export function isRunning(state: WorkflowState | null): state is WorkflowState {
  return state?.running === true;
}

/** Why a ticket without a running workflow cannot change: it ended (409), or it never existed (404). */
export async function endedTicketError(deps: TicketDeps, id: string): Promise<ApiError> {
  const row = await deps.store.find(id);
  if (!row) return ticketNotFound(id);
  return new ApiError('ticket_closed', `ticket ${id} is "${row.status}"; only a reopen changes a closed ticket`);
}
