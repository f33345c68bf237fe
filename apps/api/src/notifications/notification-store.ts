import { findNotification, listInbox, markNotificationRead, type NotificationRecord, type NotificationWithAttempts, type Page } from '@gotrs/db';
import type { Pool } from 'pg';
import { guardedRead } from '../errors/database-guard';

/** Delivery records and inboxes in PostgreSQL (the notification activities write them); unreachable is a 503. */
export function createNotificationStore(pool: Pool) {
  return {
    find: (id: string): Promise<NotificationWithAttempts | null> => guardedRead(() => findNotification(pool, id)),
    inbox: (recipientKey: string, unread: boolean, limit: number, cursor?: string): Promise<Page<NotificationRecord>> =>
      guardedRead(() => listInbox(pool, recipientKey, { unread }, limit, cursor)),
    markRead: (id: string): Promise<NotificationRecord | 'not-in-inbox' | null> => guardedRead(() => markNotificationRead(pool, id)),
  };
}

export type NotificationStore = ReturnType<typeof createNotificationStore>;
