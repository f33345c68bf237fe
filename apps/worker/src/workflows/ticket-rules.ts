import {
  TicketErrorCodes,
  isAllowedTransition,
  isFinalStatus,
  needsPendingUntil,
  normalizeStatus,
  statusTypeOf,
  type AssignRequest,
  type ResponseRequest,
  type StatusCommand,
  type StatusRequest,
  type Ticket,
  type TicketErrorCode,
  type TicketStatus,
} from '@gotrs/contracts';

/**
 * Pure decisions about ticket changes: given the ticket as it is and a request, say what to write or
 * why not. No I/O and no clock of their own, so workflows, validators and unit tests share them.
 */
export type Decision<T> =
  | { kind: 'apply'; change: T }
  | { kind: 'noop' }
  | { kind: 'reject'; code: TicketErrorCode; message: string };

export type StatusChange = Pick<StatusCommand, 'status' | 'pendingUntil' | 'action'>;

const reject = (code: TicketErrorCode, message: string): Decision<never> => ({ kind: 'reject', code, message });

function checkPendingUntil(status: TicketStatus, input: string | null | undefined, nowMs: number): Decision<string | null> {
  if (!needsPendingUntil(status)) return { kind: 'apply', change: null };
  if (!input) return reject(TicketErrorCodes.pendingUntilRequired, `status "${status}" needs a pendingUntil time`);
  const at = Date.parse(input);
  if (Number.isNaN(at)) return reject(TicketErrorCodes.invalidPendingUntil, `pendingUntil "${input}" is not a date-time`);
  if (at <= nowMs) return reject(TicketErrorCodes.invalidPendingUntil, `pendingUntil ${input} is not in the future`);
  return { kind: 'apply', change: new Date(at).toISOString() };
}

/** What a status request does to `ticket` at workflow time `nowMs`. */
export function decideStatus(ticket: Ticket, request: StatusRequest, nowMs: number): Decision<StatusChange> {
  const status = normalizeStatus(request.status);
  if (!status) return reject(TicketErrorCodes.invalidStatus, `"${request.status}" is not a ticket status`);
  const closed = statusTypeOf(ticket.status) === 'closed';
  if (request.reopen && !closed) {
    return reject(TicketErrorCodes.notClosed, `ticket is "${ticket.status}"; only a closed ticket can be reopened`);
  }
  if (isFinalStatus(ticket.status) && !(closed && statusTypeOf(status) === 'open')) {
    if (status === ticket.status) return { kind: 'noop' };
    return reject(TicketErrorCodes.ticketFinal, `ticket is "${ticket.status}"; ${closed ? 'reopen it first' : 'it cannot change'}`);
  }
  if (!isAllowedTransition(ticket.status, status)) {
    return reject(TicketErrorCodes.illegalTransition, `"${ticket.status}" cannot change to "${status}"`);
  }
  const pending = checkPendingUntil(status, request.pendingUntil, nowMs);
  if (pending.kind !== 'apply') return pending;
  if (status === ticket.status && pending.change === ticket.pendingUntil) return { kind: 'noop' };
  return { kind: 'apply', change: { status, pendingUntil: pending.change, action: closed ? 'reopened' : 'status-changed' } };
}

/** What an assignment request does to `ticket`. */
export function decideAssignment(ticket: Ticket, request: AssignRequest): Decision<{ agentId: string | null }> {
  if (isFinalStatus(ticket.status)) {
    return reject(TicketErrorCodes.ticketFinal, `ticket is "${ticket.status}" and cannot be assigned`);
  }
  if (request.agentId !== null && request.agentId.trim() === '') {
    return reject(TicketErrorCodes.invalidAssignment, 'agentId must be a non-empty string or null');
  }
  const agentId = request.agentId === null ? null : request.agentId.trim();
  if (agentId === ticket.assignee) return { kind: 'noop' };
  return { kind: 'apply', change: { agentId } };
}

/** What an agent's response does to `ticket`: recorded unless the ticket has ended. */
export function decideResponse(ticket: Ticket, request: ResponseRequest): Decision<{ agentId: string }> {
  if (isFinalStatus(ticket.status)) {
    return reject(TicketErrorCodes.ticketFinal, `ticket is "${ticket.status}"; reopen it to respond`);
  }
  if (request.agentId.trim() === '') return reject(TicketErrorCodes.invalidAssignment, 'agentId must be a non-empty string');
  return { kind: 'apply', change: { agentId: request.agentId.trim() } };
}

/** The status a pending ticket moves to when its pendingUntil time arrives, if any. */
export function statusWhenPendingEnds(status: TicketStatus): TicketStatus | undefined {
  if (status === 'pending auto close+') return 'closed successful';
  if (status === 'pending auto close-') return 'closed unsuccessful';
  return undefined;
}
