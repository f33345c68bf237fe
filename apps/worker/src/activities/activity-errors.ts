import { FailureTypes, type FailureType } from '@gotrs/contracts';
import { TicketNotFoundError, isConnectionError, isDataError, sqlState } from '@gotrs/db';
import { ApplicationFailure } from '@temporalio/common';
import type { Logger } from 'pino';

/**
 * The one place that decides whether an activity's error is worth retrying. Retrying cannot cure
 * what is wrong with the data itself: PostgreSQL refusing it (SQLSTATE class 22 or 23), a payload no
 * decoder takes, a ticket without a row. Those become non-retryable failures with a stable `type`.
 * Everything else (PostgreSQL unreachable, a timeout, anything unknown) stays retryable, so accepted
 * work waits out an outage instead of being dropped.
 */
export function classifyActivityError(error: unknown): { failure: unknown; retryable: boolean } {
  if (error instanceof ApplicationFailure) return { failure: error, retryable: !error.nonRetryable };
  const type = permanentType(error);
  if (!type) return { failure: error, retryable: true };
  const state = sqlState(error);
  const message = (error as Error).message ?? String(error);
  const described = type === FailureTypes.invalidData ? `PostgreSQL refused the data (SQLSTATE ${state}): ${message}` : message;
  return { failure: ApplicationFailure.create({ message: described, type, nonRetryable: true, cause: error as Error, details: state ? [{ sqlState: state }] : [] }), retryable: false };
}

function permanentType(error: unknown): FailureType | undefined {
  if (isConnectionError(error)) return undefined;
  if (error instanceof TicketNotFoundError) return FailureTypes.ticketNotFound;
  if ((error as { name?: unknown } | null)?.name === FailureTypes.decode) return FailureTypes.decode;
  if (isDataError(error)) return FailureTypes.invalidData;
  return undefined;
}

type ActivityFunction = (...args: never[]) => Promise<unknown>;

/** The ticket and workflow an activity works on, for its log lines. */
function subjectOf([first]: readonly unknown[]): Record<string, unknown> {
  if (typeof first === 'string') return { ticketId: first };
  const input = (typeof first === 'object' && first !== null ? first : {}) as { ticketId?: unknown; workflowId?: unknown; ticket?: { id?: unknown } };
  const subject = { ticketId: input.ticketId ?? input.ticket?.id, workflowId: input.workflowId };
  return Object.fromEntries(Object.entries(subject).filter(([, value]) => typeof value === 'string'));
}

/**
 * Wraps each activity of a factory so that its errors go through `classifyActivityError` and are
 * logged once: a warning for what Temporal will retry, an error for what it will not.
 */
export function classified<T extends Record<string, ActivityFunction>>(logger: Logger, activities: T): T {
  const wrapped = Object.entries(activities).map(([name, run]) => [
    name,
    async (...args: never[]) => {
      try {
        return await run(...args);
      } catch (error) {
        const { failure, retryable } = classifyActivityError(error);
        const fields = { err: error, activity: name, ...subjectOf(args) };
        if (retryable) logger.warn(fields, `${name} failed; Temporal will retry`);
        else logger.error({ ...fields, type: (failure as ApplicationFailure).type }, `${name} failed for good; no retry`);
        throw failure;
      }
    },
  ]);
  return Object.fromEntries(wrapped) as T;
}
