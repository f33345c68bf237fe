import {
  DEFAULT_PRIORITY,
  TICKET_DEFAULTS,
  WorkflowTypes,
  parsePriority,
  ticketPersistedUpdate,
  ticketWorkflowId,
  type NewTicket,
  type SlaTargets,
} from '@gotrs/contracts';
import { WorkflowExecutionAlreadyStartedError, type WorkflowHandle } from '@temporalio/client';
import { decideActor } from '../auth/actor-rule';
import type { Caller } from '../auth/caller';
import { enforce } from '../auth/denial-error';
import { decideNewTicket } from '../auth/ticket-access';
import { ApiError, temporalUnavailable } from '../errors/api-error';
import { isTemporalUnreachable, isWorkflowNotFound } from '../errors/temporal-failures';
import { invalidField } from '../errors/validation';
import type { ApiTicket } from '../schemas/ticket';
import type { CreateTicketInput } from '../schemas/ticket-requests';
import { acceptedFromWorkflow, acceptedTicket } from './accepted-ticket';
import type { TicketDeps } from './deps';
import { parseSlaOverride, startSla } from './start-sla';
import { requestHash } from './ticket-id';
import { describeTicketWorkflow, isRunning } from './workflow-state';

/** `persisted`: the row is written (201); otherwise Temporal has the ticket and the worker will write it (202). */
export interface CreateResult {
  ticket: ApiTicket;
  persisted: boolean;
}

/**
 * The body with its defaults applied and the caller's rules: a Customer's ticket is their own, the
 * actor is the caller (or whom an `actor:impersonate` key names). What the request hash covers.
 */
function normalize(input: CreateTicketInput, caller: Caller) {
  const { customerUserId } = enforce(decideNewTicket(caller, input));
  const actor = enforce(decideActor(caller, input.actor));
  const priority = parsePriority(input.priority ?? DEFAULT_PRIORITY);
  if (priority === undefined) throw invalidField('body.priority', 'must be 1..5 or an OTRS priority name');
  return {
    title: input.title,
    description: input.description ?? null,
    priority,
    queue: input.queue ?? TICKET_DEFAULTS.queue,
    customerUserId,
    actor,
    sla: parseSlaOverride(input.sla),
  };
}

async function start(deps: TicketDeps, ticket: NewTicket, hash: string, deadline: number): Promise<void> {
  const { temporal } = deps;
  await temporal.within('start-ticket', deadline, () =>
    temporal.workflow.start(WorkflowTypes.ticketLifecycle, {
      workflowId: ticketWorkflowId(ticket.id),
      taskQueue: temporal.settings.taskQueue,
      args: [{ ticket }],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      memo: { requestHash: hash, ticket },
    }),
  );
}

/** Waits (bounded by createWaitMs) for the workflow to report the ticket's row. */
async function waitForRow(deps: TicketDeps, handle: WorkflowHandle, accepted: ApiTicket): Promise<CreateResult> {
  try {
    const ticket = await deps.temporal.within('wait-ticket-persisted', deps.temporal.deadline(deps.createWaitMs), () => handle.executeUpdate(ticketPersistedUpdate));
    return { ticket, persisted: true };
  } catch (error) {
    if (isTemporalUnreachable(error)) return { ticket: accepted, persisted: false };
    if (isWorkflowNotFound(error)) return readRow(deps, accepted.id);
    throw error;
  }
}

async function readRow(deps: TicketDeps, id: string): Promise<CreateResult> {
  const row = await deps.store.find(id);
  if (!row) throw new ApiError('ticket_closed', `the workflow of ticket ${id} ended before the ticket was written`);
  return { ticket: row, persisted: true };
}

/**
 * A retry of a create with the same Idempotency-Key: the same ticket, or 422 when the body differs.
 * The SLA is started again from the first attempt's ticket, in case that attempt stopped before it.
 */
async function resume(deps: TicketDeps, id: string, hash: string, handle: WorkflowHandle, sla: SlaTargets | undefined): Promise<CreateResult> {
  const deadline = deps.temporal.deadline();
  const existing = await describeTicketWorkflow(deps, id, deadline);
  if (!existing) throw new ApiError('internal_error', `workflow ${ticketWorkflowId(id)} was reported started but cannot be found`);
  const previousHash = existing.memo?.requestHash;
  if (previousHash !== undefined && previousHash !== hash) {
    throw new ApiError('idempotency_key_reused', 'this Idempotency-Key was used for a different request', [
      { field: 'headers.idempotency-key', message: 'already used with another body' },
    ]);
  }
  if (!isRunning(existing)) return readRow(deps, id);
  const accepted = acceptedFromWorkflow(id, existing);
  await startSla(deps.temporal, deps.sla, accepted, sla, deadline).catch((error: unknown) => {
    throw isTemporalUnreachable(error) ? temporalUnavailable(error) : error;
  });
  return waitForRow(deps, handle, accepted);
}

/**
 * Starts `TicketLifecycleWorkflow` and then `SLAEnforcementWorkflow` (its plan built from the same
 * priority, queue and createdAt) for a new ticket, both within one call deadline, and waits briefly
 * for the ticket's row. With an Idempotency-Key the ID is derived from the caller and the key, so
 * the caller's retry finds the same workflows (never second ones) and nobody else's key meets it.
 */
export async function createTicket(deps: TicketDeps, caller: Caller, id: string, input: CreateTicketInput): Promise<CreateResult> {
  const request = normalize(input, caller);
  const hash = requestHash(request);
  const { actor, sla, ...fields } = request;
  const createdAt = new Date().toISOString();
  const ticket: NewTicket = { id, ...fields, createdBy: actor.label, createdByIdentity: actor, createdAt };
  const handle = deps.temporal.workflow.getHandle(ticketWorkflowId(id));
  const deadline = deps.temporal.deadline();
  try {
    await start(deps, ticket, hash, deadline);
    await startSla(deps.temporal, deps.sla, { id, priority: fields.priority, queue: fields.queue, createdAt }, sla, deadline);
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return resume(deps, id, hash, handle, sla);
    if (isTemporalUnreachable(error)) throw temporalUnavailable(error);
    throw error;
  }
  return waitForRow(deps, handle, acceptedTicket(ticket, new Date()));
}
