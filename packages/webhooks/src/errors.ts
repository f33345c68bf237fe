/** Why a target is refused: a stable code for the API's problem and the delivery log. */
export type TargetProblem = 'invalid_url' | 'unresolvable' | 'private_address';

/** A webhook target that may not be called (its URL, or the addresses its host resolves to). */
export class TargetRefusedError extends Error {
  override name = 'TargetRefusedError';
  constructor(
    readonly problem: TargetProblem,
    message: string,
  ) {
    super(message);
  }
}
