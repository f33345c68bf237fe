import { TICKET_DEFAULTS, decodeNewTicket, defaultTitle, type NewTicket } from '@gotrs/contracts';
import type { WorkflowExecutionDescription } from '@temporalio/client';
import type { ApiTicket } from '../schemas/ticket';

/** A ticket that Temporal has accepted but whose row is not written yet: `number` null, status `new`. */
export function acceptedTicket(ticket: NewTicket, startedAt: Date): ApiTicket {
  const createdAt = ticket.createdAt ?? startedAt.toISOString();
  return {
    id: ticket.id,
    number: null,
    title: ticket.title ?? defaultTitle(ticket.id),
    description: ticket.description ?? null,
    status: TICKET_DEFAULTS.status,
    statusType: 'new',
    priority: ticket.priority ?? TICKET_DEFAULTS.priority,
    queue: ticket.queue ?? TICKET_DEFAULTS.queue,
    customerUserId: ticket.customerUserId ?? null,
    assignee: null,
    pendingUntil: null,
    escalationLevel: 0,
    createdAt,
    updatedAt: createdAt,
  };
}

/** The accepted ticket as far as the workflow tells: our memo, or only the ID for a Go-started one. */
export function acceptedFromWorkflow(id: string, description: WorkflowExecutionDescription): ApiTicket {
  let ticket: NewTicket = { id };
  try {
    const fromMemo = decodeNewTicket(description.memo?.ticket, { acceptUnstorable: true }); // display only: an old run may hold NUL
    if (fromMemo.id === id) ticket = fromMemo;
  } catch {
    // No usable memo (a workflow started by a Go caller): only the ID is known.
  }
  return acceptedTicket(ticket, description.startTime);
}
