/**
 * The `type` of the ApplicationFailure behind a Temporal failure: the cause of an ActivityFailure
 * (the last attempt's error) or of a WorkflowUpdateFailedError (the handler's refusal). Undefined
 * when there is none. Reads plain properties, so it works on both sides and inside the sandbox.
 */
export function failureType(error: unknown): string | undefined {
  const cause = (error as { cause?: { type?: unknown } } | null)?.cause;
  return typeof cause?.type === 'string' ? cause.type : undefined;
}

/** The message of that failure (its cause's), else the error's own. */
export function failureMessage(error: unknown): string {
  const cause = (error as { cause?: { message?: unknown } } | null)?.cause;
  if (typeof cause?.message === 'string' && cause.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
