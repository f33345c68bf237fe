/**
 * The `type`s of the ApplicationFailures that activities and workflows raise. Workflows branch on
 * these (never on `instanceof`), and the activity retry policies name the ones retrying cannot cure.
 */
export const FailureTypes = {
  /** A change names a ticket that has no row. */
  ticketNotFound: 'TicketNotFoundError',
  /** A payload that no decoder takes (see fields.ts). */
  decode: 'DecodeError',
  /** PostgreSQL refused the data itself: SQLSTATE class 22 (data exception) or 23 (integrity constraint). */
  invalidData: 'InvalidDataError',
  /** A workflow was started with an argument it cannot read. */
  invalidInput: 'invalid_input',
  /** The recipient has no email address. */
  recipientWithoutEmail: 'RecipientWithoutEmail',
  /** The SMTP server refused the message for good (a 5xx answer). */
  smtpRejected: 'SmtpRejected',
} as const;

export type FailureType = (typeof FailureTypes)[keyof typeof FailureTypes];

/** Failures of the data itself: the same input fails the same way on every attempt. */
export const DATA_FAILURE_TYPES: readonly FailureType[] = [FailureTypes.ticketNotFound, FailureTypes.decode, FailureTypes.invalidData];

/** Whether a failure `type` is one of DATA_FAILURE_TYPES. */
export function isDataFailureType(type: unknown): boolean {
  return typeof type === 'string' && (DATA_FAILURE_TYPES as readonly string[]).includes(type);
}
