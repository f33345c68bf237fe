import type { Pool } from 'pg';
import { cursorInstantSql, decodeCursor, encodeCursor, isCursorInstant, isCursorText } from './cursor';
import {
  NOTIFICATION_COLUMNS,
  toAttempt,
  toNotification,
  type AttemptRow,
  type NotificationAttempt,
  type NotificationRecord,
  type NotificationRow,
} from './notification-rows';
import type { Page } from './ticket-reads';

/** A delivery record with every attempt, oldest first. */
export type NotificationWithAttempts = NotificationRecord & { attempts: NotificationAttempt[] };

export async function findNotification(pool: Pool, id: string): Promise<NotificationWithAttempts | null> {
  const [row, attempts] = await Promise.all([
    pool.query<NotificationRow>(`SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE id = $1`, [id]),
    pool.query<AttemptRow>(
      `SELECT channel, attempt, outcome, error, started_at, finished_at FROM notification_attempts
        WHERE notification_id = $1 ORDER BY seq`,
      [id],
    ),
  ]);
  if (!row.rows[0]) return null;
  return { ...toNotification(row.rows[0]), attempts: attempts.rows.map(toAttempt) };
}

/** (in_app_at to the microsecond: `now()` wrote it, id) of the last item seen. */
type InboxCursor = [string, string];
const isInboxCursor = (v: unknown): v is InboxCursor =>
  Array.isArray(v) && v.length === 2 && isCursorInstant(v[0]) && isCursorText(v[1]);

/** A recipient's in-app inbox, newest first; `unread` leaves out what was marked read. */
export async function listInbox(
  pool: Pool,
  recipientKey: string,
  options: { unread?: boolean },
  limit: number,
  cursor?: string,
): Promise<Page<NotificationRecord>> {
  const params: unknown[] = [recipientKey];
  const where = ['recipient_key = $1', 'in_app_at IS NOT NULL'];
  if (options.unread) where.push('read_at IS NULL');
  if (cursor) {
    const [at, id] = decodeCursor(cursor, isInboxCursor);
    params.push(at, id);
    where.push(`(in_app_at, id) < ($2::timestamptz, $3)`);
  }
  params.push(limit + 1);
  const result = await pool.query<NotificationRow & { cursor_at: string }>(
    `SELECT ${NOTIFICATION_COLUMNS}, ${cursorInstantSql('in_app_at')} AS cursor_at FROM notifications WHERE ${where.join(' AND ')}
      ORDER BY in_app_at DESC, id DESC LIMIT $${params.length}`,
    params,
  );
  const rows = result.rows.slice(0, limit);
  const last = rows[rows.length - 1];
  return {
    items: rows.map(toNotification),
    nextCursor: result.rows.length > limit && last ? encodeCursor([last.cursor_at, last.id]) : null,
  };
}

/**
 * Marks an inbox item read (the first read time stays). Answers the record, `not-in-inbox` for a
 * notification that never reached the inbox, or null for an unknown one.
 */
export async function markNotificationRead(pool: Pool, id: string): Promise<NotificationRecord | 'not-in-inbox' | null> {
  const updated = await pool.query<NotificationRow>(
    `UPDATE notifications SET read_at = coalesce(read_at, now()), updated_at = CASE WHEN read_at IS NULL THEN now() ELSE updated_at END
      WHERE id = $1 AND in_app_at IS NOT NULL RETURNING ${NOTIFICATION_COLUMNS}`,
    [id],
  );
  if (updated.rows[0]) return toNotification(updated.rows[0]);
  const exists = await pool.query('SELECT 1 FROM notifications WHERE id = $1', [id]);
  return exists.rowCount ? 'not-in-inbox' : null;
}
