import { failureType, isDataFailureType } from '@gotrs/contracts';

/**
 * Whether an activity failed for good because of its data (PostgreSQL refused it, no decoder takes
 * it, the ticket has no row): the same input would fail the same way on every attempt. The failure
 * itself is read by contracts' `failureType` and `failureMessage`, as the API reads an update's.
 */
export function isDataFailure(error: unknown): boolean {
  return isDataFailureType(failureType(error));
}
