import { InvalidCursorError, isConnectionError } from '@gotrs/db';
import { ApiError, databaseUnavailable } from './api-error';

/**
 * Runs a PostgreSQL read for a route: PostgreSQL down → 503 `database_unavailable`; a cursor this
 * service did not issue → 400 `invalid_cursor`. Every store of the API reads through it.
 */
export async function guardedRead<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InvalidCursorError) {
      throw new ApiError('invalid_cursor', error.message, [{ field: 'querystring.cursor', message: error.message }]);
    }
    if (isConnectionError(error)) throw databaseUnavailable(error);
    throw error;
  }
}
