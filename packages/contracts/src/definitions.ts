import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { AssignRequest, ResponseRequest, StatusRequest } from './changes';
import { milestoneCompleteSignalName, type MilestoneCompletion, type MilestoneName, type TicketStatusNotice } from './sla';
import type { EscalationAdvance } from './escalation';
import type { Ticket } from './ticket';
import type { TicketStatus } from './status';

/**
 * Message definitions of `ticket-{id}`. Signals take `unknown` because Go callers send their own
 * encodings (see decode.ts); updates are for our API and take the camelCase request types.
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

/** `sla-{id}`: the ticket's status changed (sent by the lifecycle workflow). */
export const ticketStatusChangedSignal = defineSignal<[TicketStatusNotice]>('ticket-status-changed');

/** `sla-{id}`: a milestone is met — `FirstResponse-complete`, `Resolution-complete`, `Update-complete`. */
export function milestoneCompleteSignal(milestone: MilestoneName) {
  return defineSignal<[MilestoneCompletion?]>(milestoneCompleteSignalName(milestone));
}

/** `escalation-…`: start the next level now (or jump to `level`) instead of waiting. */
export const advanceEscalationSignal = defineSignal<[EscalationAdvance]>('advance');

/** Record an agent's response (first response and update milestones) and answer with the ticket. */
export const recordResponseUpdate = defineUpdate<Ticket, [ResponseRequest]>('record-response');
