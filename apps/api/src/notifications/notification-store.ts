import {
  InvalidCursorError,
  findNotification,
  isConnectionError,
  listInbox,
  markNotificationRead,
  type NotificationRecord,
  type NotificationWithAttempts,
  type Page,
} from '@gotrs/db';
import type { Pool } from 'pg';
import { ApiError, databaseUnavailable } from '../errors/api-error';

/** PostgreSQL down → 503 `database_unavailable`; a foreign cursor → 400 `invalid_cursor`. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
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

/** Delivery records and inboxes in PostgreSQL (the notification activities write them). */
export class NotificationStore {
  constructor(private readonly pool: Pool) {}

  find(id: string): Promise<NotificationWithAttempts | null> {
    return guarded(() => findNotification(this.pool, id));
  }

  inbox(recipientKey: string, unread: boolean, limit: number, cursor?: string): Promise<Page<NotificationRecord>> {
    return guarded(() => listInbox(this.pool, recipientKey, { unread }, limit, cursor));
  }

  markRead(id: string): Promise<NotificationRecord | 'not-in-inbox' | null> {
    return guarded(() => markNotificationRead(this.pool, id));
  }
}
