import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { AssignRequest, ResponseRequest, StatusRequest } from '../changes';
import { TicketErrorCodes } from '../errors';
import { FailureTypes } from '../failures';
import type { TicketStatus } from '../status';
import type { NewTicket, Ticket } from '../ticket';
import type { WorkflowSettingsMemo } from '../workflow-settings';

/** `TicketLifecycleWorkflow`: one ticket from creation to closure, workflow ID `ticket-{id}`. */
export const TICKET_LIFECYCLE_TYPE = 'TicketLifecycleWorkflow';

/** Workflow ID of a ticket's lifecycle workflow. */
export function ticketWorkflowId(ticketId: string): string {
  return `ticket-${ticketId}`;
}

/** What `TicketLifecycleWorkflow` is started with by our own code (the API, continue-as-new), decoded. */
export interface LifecycleStart {
  ticket: NewTicket;
  /** Set on runs started by continue-as-new: the row exists, load it. */
  continued?: boolean;
}

/** Go's form: a bare ticket ID (the row may or may not exist yet). */
export type LifecycleGoInput = string;

/** The start argument in either form; the workflow reads it with `decodeLifecycleStart`. */
export type LifecycleInput = LifecycleGoInput | LifecycleStart;

/** What a finished run reports. */
export interface LifecycleOutcome {
  ticketId: string;
  status: TicketStatus;
  endedAt: string;
}

/** The signature the worker's implementation satisfies and the API's starts are typed by. */
export type TicketLifecycleWorkflowFn = (input: LifecycleInput) => Promise<LifecycleOutcome>;

/** What the API's create keeps in the run's memo: the request's hash (idempotency) and the ticket. */
export interface LifecycleMemo extends WorkflowSettingsMemo {
  requestHash: string;
  ticket: NewTicket;
}

/**
 * Failure types of the workflow: its start argument cannot be read (the run fails), and the codes
 * with which its update validators and handlers refuse a change (the API's 4xx codes).
 */
export const TicketLifecycleFailures = { invalidInput: FailureTypes.invalidInput, ...TicketErrorCodes } as const;

/**
 * Signals of `ticket-{id}`. They take `unknown` because Go callers send their own encodings (see
 * decode.ts): `AssignmentData{AgentID}`, a bare string, or our `AssignRequest`; a status string.
 */
export const assignTicketSignal = defineSignal<[unknown]>('assign-ticket');
export const updateStatusSignal = defineSignal<[unknown]>('update-status');

/** The seed's query: the status name as a plain JSON string. */
export const statusQuery = defineQuery<TicketStatus>('status');
/** The whole ticket, or null before its row is written. */
export const ticketQuery = defineQuery<Ticket | null>('ticket');

/** Assign (or unassign) and answer with the updated ticket; rejected before history when illegal. */
export const assignUpdate = defineUpdate<Ticket, [AssignRequest]>('assign');
/** Change the status (reopen included) and answer with the updated ticket. */
export const changeStatusUpdate = defineUpdate<Ticket, [StatusRequest]>('change-status');
/** Wait until the ticket's row exists and answer with it (the API's create uses it). */
export const ticketPersistedUpdate = defineUpdate<Ticket, []>('ticket-persisted');
/** Record an agent's response (first response and update milestones) and answer with the ticket. */
export const recordResponseUpdate = defineUpdate<Ticket, [ResponseRequest]>('record-response');
