/** A PostgreSQL data exception: SQLSTATE class 22, a value it cannot use (out of range, malformed, unstorable). */
export interface DataException {
  /** The SQLSTATE, e.g. `22008` (datetime field overflow) or `22021` (invalid byte sequence). */
  code: string;
  /** PostgreSQL's message, which quotes the offending value where it can. */
  message: string;
}

/**
 * The data exception `error` is, or undefined when it is none: a value the query was given is at
 * fault rather than the query or the server, so retrying the same request cannot help.
 */
export function dataException(error: unknown): DataException | undefined {
  // Not `instanceof DatabaseError`: errors can come from another realm (Jest's sandbox, for one).
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || !/^22[0-9A-Z]{3}$/.test(code) || typeof message !== 'string') return undefined;
  return { code, message };
}
