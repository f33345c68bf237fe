import { InvalidCursorError, dataException, isConnectionError } from '@gotrs/db';
import { ApiError, databaseUnavailable } from './api-error';

/**
 * Runs a PostgreSQL read for a route: PostgreSQL down → 503 `database_unavailable`; a cursor this
 * service did not issue → 400 `invalid_cursor`; a value PostgreSQL refuses (a data exception,
 * SQLSTATE class 22: out of range, malformed, unstorable) → 400 `invalid_parameter` with
 * PostgreSQL's words, which quote the value where they can (PostgreSQL does not say which query
 * parameter it was, so no field is named). Every store of the API reads through it.
 */
export async function guardedRead<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InvalidCursorError) {
      throw new ApiError('invalid_cursor', error.message, [{ field: 'querystring.cursor', message: error.message }]);
    }
    if (isConnectionError(error)) throw databaseUnavailable(error);
    const refused = dataException(error);
    if (refused) {
      const detail = `PostgreSQL cannot use a value of this request (SQLSTATE ${refused.code}): ${refused.message}`;
      throw new ApiError('invalid_parameter', detail, undefined, { cause: error });
    }
    throw error;
  }
}
