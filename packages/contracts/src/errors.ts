/**
 * Stable machine-readable codes for business rule failures. Workflows raise them as the `type` of a
 * non-retryable ApplicationFailure; the API maps them to problem+json `code`s.
 */
export const TicketErrorCodes = {
  illegalTransition: 'illegal_transition',
  ticketFinal: 'ticket_closed',
  pendingUntilRequired: 'pending_until_required',
  invalidPendingUntil: 'invalid_pending_until',
  invalidStatus: 'invalid_status',
  invalidAssignment: 'invalid_assignment',
  notClosed: 'ticket_not_closed',
  /** The change's write failed for good (PostgreSQL refused its data): recorded as rejected. */
  changeNotStorable: 'change_not_storable',
} as const;

export type TicketErrorCode = (typeof TicketErrorCodes)[keyof typeof TicketErrorCodes];

/** A rule violation found by pure validation code, safe to throw inside workflows. */
export class TicketRuleError extends Error {
  constructor(
    readonly code: TicketErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TicketRuleError';
  }
}
