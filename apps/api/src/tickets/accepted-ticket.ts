import { decodeNewTicket, withTicketDefaults, type NewTicket } from '@gotrs/contracts';
import type { ApiTicket } from '../schemas/ticket';
import type { WorkflowState } from '../temporal/gateway';

/** A ticket that Temporal has accepted but whose row is not written yet: `number` null, status `new`. */
export function acceptedTicket(ticket: NewTicket, startedAt: Date): ApiTicket {
  const createdAt = ticket.createdAt ?? startedAt.toISOString();
  const { id, title, description, status, statusType, priority, queue, customerUserId } = withTicketDefaults(ticket);
  return {
    id,
    number: null,
    title,
    description,
    status,
    statusType,
    priority,
    queue,
    customerUserId,
    assignee: null,
    pendingUntil: null,
    escalationLevel: 0,
    createdAt,
    updatedAt: createdAt,
  };
}

/** The accepted ticket as far as the workflow tells: our memo, or only the ID for a Go-started one. */
export function acceptedFromWorkflow(id: string, state: WorkflowState): ApiTicket {
  let ticket: NewTicket = { id };
  try {
    const fromMemo = decodeNewTicket(state.memo?.ticket, { acceptUnstorable: true }); // display only: an old run may hold NUL
    if (fromMemo.id === id) ticket = fromMemo;
  } catch {
    // No usable memo (a workflow started by a Go caller): only the ID is known.
  }
  return acceptedTicket(ticket, state.startedAt);
}
