import {
  DEFAULT_PRIORITY,
  TICKET_DEFAULTS,
  TICKET_LIFECYCLE_TYPE,
  parsePriority,
  ticketPersistedUpdate,
  ticketStartSearchAttributes,
  ticketWorkflowId,
  type LifecycleMemo,
  type NewTicket,
  type SlaTargets,
  type Ticket,
  type TicketLifecycleWorkflowFn,
} from '@gotrs/contracts';
import { decideActor } from '../auth/actor-rule';
import type { Caller } from '../auth/caller';
import { enforce } from '../auth/denial-error';
import { decideNewTicket } from '../auth/ticket-access';
import { ApiError } from '../errors/api-error';
import { invalidField } from '../errors/validation';
import type { ApiTicket } from '../schemas/ticket';
import type { CreateTicketInput } from '../schemas/ticket-requests';
import { isUnanswered } from '../temporal/failures';
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

/**
 * Starts the ticket's workflow and waits (bounded by createWaitMs) for it to report the ticket's row,
 * in one call (Update-with-Start). `exists`: the ID is taken (a retried create). Unanswered in time:
 * 202 once the workflow is there (the worker will write the row): `exists-unanswered` when it is
 * there (this call's start or an earlier attempt's), without a second wait for the row.
 */
async function startAndWait(deps: TicketDeps, ticket: NewTicket, hash: string): Promise<CreateResult | 'exists' | 'exists-unanswered'> {
  const memo: LifecycleMemo = { requestHash: hash, ticket, workflowSettings: deps.workflowSettings };
  // The search attributes the created row will have, so the run need not upsert them.
  const searchAttributes = ticketStartSearchAttributes(ticket);
  const start = { type: TICKET_LIFECYCLE_TYPE, workflowId: ticketWorkflowId(ticket.id), args: [{ ticket }] as Parameters<TicketLifecycleWorkflowFn>, memo, searchAttributes };
  // One call timeout for the whole start, of which the wait for the row may take createWaitMs: a
  // Temporal that does not answer costs the caller the call timeout, not the wait and then a timeout.
  const deadline = deps.temporal.deadline();
  const waitUntil = Math.min(deadline, deps.temporal.deadline(Math.max(deps.createWaitMs, 1)));
  const answer = await deps.temporal.startWithUpdate<Ticket, [], TicketLifecycleWorkflowFn>('start-ticket', ticketPersistedUpdate, [], start, waitUntil);
  if (answer.kind === 'exists') return 'exists';
  if (answer.kind === 'answered') return { ticket: answer.result, persisted: true };
  if (answer.kind === 'ended') return readRow(deps, ticket.id);
  // Cut short before the start was confirmed: start it alone (in what is left of the call timeout), as a retry would.
  if (await describeTicketWorkflow(deps, ticket.id, deadline)) return 'exists-unanswered';
  const started = await deps.temporal.startOnce<TicketLifecycleWorkflowFn>('start-ticket', start, deadline);
  return started === 'exists' ? 'exists' : { ticket: acceptedTicket(ticket, new Date()), persisted: false };
}

/** Waits (bounded by createWaitMs) for the workflow to report the ticket's row; 202 when it does not answer. */
async function waitForRow(deps: TicketDeps, accepted: ApiTicket): Promise<CreateResult> {
  try {
    const deadline = deps.temporal.deadline(deps.createWaitMs);
    const ticket = await deps.temporal.update('wait-ticket-persisted', ticketWorkflowId(accepted.id), ticketPersistedUpdate, [], deadline);
    return ticket === null ? readRow(deps, accepted.id) : { ticket, persisted: true };
  } catch (error) {
    if (isUnanswered(error)) return { ticket: accepted, persisted: false };
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
 * `wait` false: this call has already waited out createWaitMs for the row (202 at once).
 */
async function resume(deps: TicketDeps, id: string, hash: string, sla: SlaTargets | undefined, wait = true): Promise<CreateResult> {
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
  await startSla(deps, accepted, sla, deadline);
  return wait ? waitForRow(deps, accepted) : { ticket: accepted, persisted: false };
}

/**
 * Starts `TicketLifecycleWorkflow` with an update that answers once its row is written (one call,
 * bounded by createWaitMs), then `SLAEnforcementWorkflow` (its plan built from the same priority,
 * queue and createdAt). With an Idempotency-Key the ID is derived from the caller and the key, so
 * the caller's retry finds the same workflows (never second ones) and nobody else's key meets it.
 */
export async function createTicket(deps: TicketDeps, caller: Caller, id: string, input: CreateTicketInput): Promise<CreateResult> {
  const request = normalize(input, caller);
  const hash = requestHash(request);
  const { actor, sla, ...fields } = request;
  const createdAt = new Date().toISOString();
  const ticket: NewTicket = { id, ...fields, createdBy: actor.label, createdByIdentity: actor, createdAt };
  const created = await startAndWait(deps, ticket, hash);
  if (created === 'exists' || created === 'exists-unanswered') return resume(deps, id, hash, sla, created === 'exists');
  await startSla(deps, { id, priority: fields.priority, queue: fields.queue, createdAt }, sla, deps.temporal.deadline());
  return created;
}
