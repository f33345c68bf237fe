import {
  TICKET_LIFECYCLE_TYPE,
  assignUpdate,
  changeStatusUpdate,
  normalizeStatus,
  needsPendingUntil,
  recordResponseUpdate,
  ticketWorkflowId,
  type AssignRequest,
  type ResponseRequest,
  type StatusRequest,
  type Ticket,
  type TicketLifecycleWorkflowFn,
} from '@gotrs/contracts';
import { decideActor } from '../auth/actor-rule';
import type { ActorRecord, Caller } from '../auth/caller';
import { enforce } from '../auth/denial-error';
import { decideResponder } from '../auth/responder-rule';
import { ApiError, ticketNotFound } from '../errors/api-error';
import { invalidField } from '../errors/validation';
import type { ResponseInput } from '../schemas/sla-requests';
import type { AssignInput, ReopenInput, StatusInput } from '../schemas/ticket-requests';
import type { UpdateDefinition } from '../temporal/gateway';
import type { TicketDeps } from './deps';
import { describeTicketWorkflow, endedTicketError, isRunning } from './workflow-state';

/** Who the change is by: the caller (or whom an `actor:impersonate` key names), as the workflow records it. */
function by(actor: ActorRecord): Pick<AssignRequest, 'actor' | 'actorIdentity'> {
  return { actor: actor.label, actorIdentity: actor };
}

/** The caller, or the person they may name as `actor`; 403 otherwise. */
function actorOf(caller: Caller, requested: string | undefined) {
  return by(enforce(decideActor(caller, requested)));
}

/**
 * Sends an update to the running `ticket-{id}` and answers with the ticket it returns. The describe
 * first tells "Temporal is down" (503 temporal_unavailable) from "the workflow did not answer"
 * (503 workflow_unavailable) and finds ended workflows without sending anything.
 */
async function update<A>(deps: TicketDeps, id: string, definition: UpdateDefinition<Ticket, [A]>, request: A): Promise<Ticket> {
  const deadline = deps.temporal.deadline();
  const description = await describeTicketWorkflow(deps, id, deadline);
  if (!isRunning(description)) throw await endedTicketError(deps, id);
  const ticket = await deps.temporal.update('update-ticket', ticketWorkflowId(id), definition, [request], deadline);
  if (ticket === null) throw await endedTicketError(deps, id);
  return ticket;
}

export function assignTicket(deps: TicketDeps, caller: Caller, id: string, input: AssignInput): Promise<Ticket> {
  const request: AssignRequest = { agentId: input.agentId, ...actorOf(caller, input.actor) };
  if (input.reason !== undefined) request.reason = input.reason;
  return update(deps, id, assignUpdate, request);
}

/**
 * An agent responded: the workflow records it and tells the SLA (first response met, update clock
 * restarted). The caller is the responder; only an `actor:impersonate` key names the agent (decideResponder).
 */
export function recordResponse(deps: TicketDeps, caller: Caller, id: string, input: ResponseInput): Promise<Ticket> {
  const responder = enforce(decideResponder(caller, input, deps.directory));
  if (responder === 'agent-required') throw invalidField('body.agentId', 'is required for an API key: the agent who responded');
  const request: ResponseRequest = { agentId: responder.agentId, ...by(responder.actor) };
  if (input.reason !== undefined) request.reason = input.reason;
  return update(deps, id, recordResponseUpdate, request);
}

export function changeStatus(deps: TicketDeps, caller: Caller, id: string, input: StatusInput): Promise<Ticket> {
  const actor = actorOf(caller, input.actor);
  const status = normalizeStatus(input.status);
  if (status === undefined) throw new ApiError('invalid_status', `unknown status "${input.status}"`, [{ field: 'body.status', message: 'unknown status' }]);
  if (needsPendingUntil(status) && !input.pendingUntil) {
    const message = `is required when status is "${status}"`;
    throw new ApiError('pending_until_required', `pendingUntil ${message}`, [{ field: 'body.pendingUntil', message }]);
  }
  const request: StatusRequest = { status: input.status, ...actor };
  if (input.pendingUntil !== undefined) request.pendingUntil = input.pendingUntil;
  if (input.reason !== undefined) request.reason = input.reason;
  return update(deps, id, changeStatusUpdate, request);
}

/**
 * Reopens a closed ticket: update-with-start, so the ended workflow gets a new run under the same
 * workflow ID (or, should the closing run not have ended yet, that run takes the update).
 */
export async function reopenTicket(deps: TicketDeps, caller: Caller, id: string, input: ReopenInput): Promise<Ticket> {
  const actor = actorOf(caller, input.actor);
  const row = await deps.store.find(id);
  if (!row) throw ticketNotFound(id);
  if (row.statusType === 'merged' || row.statusType === 'removed') {
    throw new ApiError('illegal_transition', `ticket ${id} is "${row.status}" for good; it cannot be reopened`);
  }
  // The row is written before any change is answered, so it tells whether the ticket is closed.
  if (row.statusType !== 'closed') throw new ApiError('ticket_not_closed', `ticket ${id} is "${row.status}", not closed`);
  const { temporal } = deps;
  const deadline = temporal.deadline();
  await describeTicketWorkflow(deps, id, deadline);
  const request: StatusRequest = { status: 'open', ...actor };
  if (input.reason !== undefined) request.reason = input.reason;
  // A new run (the last one ended with the close) follows the settings this API records, as a create's does.
  const start = {
    type: TICKET_LIFECYCLE_TYPE, workflowId: ticketWorkflowId(id), args: [{ ticket: { id } }] as [{ ticket: { id: string } }],
    memo: { workflowSettings: deps.workflowSettings },
  };
  const ticket = await temporal.updateWithStart<Ticket, [StatusRequest], TicketLifecycleWorkflowFn>('reopen-ticket', changeStatusUpdate, [request], start, deadline);
  if (ticket === null) throw await endedTicketError(deps, id);
  return ticket;
}
