import { ApplicationFailure } from '@temporalio/workflow';
import { FailureTypes } from '@gotrs/contracts';

/** A start argument the run cannot read or run: the run fails at once (`invalid_input`), never retried. */
export function invalidInput(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, FailureTypes.invalidInput);
}

/** Decodes a workflow's start argument; one the decoder refuses fails the run as `invalid {type} input: …`. */
export function decodeInput<T>(workflowType: string, decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    throw invalidInput(`invalid ${workflowType} input: ${(error as Error).message}`);
  }
}
