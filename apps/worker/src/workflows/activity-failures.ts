import { failureType, isDataFailureType } from '@gotrs/contracts';

/**
 * The `type` of an activity's failure: its cause's (an ActivityFailure), or its own when it is the
 * ApplicationFailure itself, as a local activity's failure can reach the workflow.
 */
export function activityFailureType(error: unknown): string | undefined {
  const own = (error as { type?: unknown } | null)?.type;
  return failureType(error) ?? (typeof own === 'string' ? own : undefined);
}

/**
 * Whether an activity failed for good because of its data (PostgreSQL refused it, no decoder takes
 * it, the ticket has no row): the same input would fail the same way on every attempt. The failure
 * itself is read by contracts' `failureType` and `failureMessage`, as the API reads an update's.
 */
export function isDataFailure(error: unknown): boolean {
  return isDataFailureType(activityFailureType(error));
}
