import { isDataFailureType } from '@gotrs/contracts';

/** The `type` of the ApplicationFailure behind an activity failure (its cause: the last attempt's error). */
export function failureType(error: unknown): string | undefined {
  const cause = (error as { cause?: { type?: unknown } } | null)?.cause;
  return typeof cause?.type === 'string' ? cause.type : undefined;
}

/** The message of an activity's final failure (its cause: the last attempt's error). */
export function failureMessage(error: unknown): string {
  const cause = (error as { cause?: { message?: unknown } } | null)?.cause;
  if (typeof cause?.message === 'string' && cause.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Whether an activity failed for good because of its data (PostgreSQL refused it, no decoder takes
 * it, the ticket has no row): the same input would fail the same way on every attempt.
 */
export function isDataFailure(error: unknown): boolean {
  return isDataFailureType(failureType(error));
}
