import {
  findNotification,
  listInbox,
  markNotificationRead,
  type NotificationRecord,
  type NotificationWithAttempts,
  type Page,
} from '@gotrs/db';
import type { Pool } from 'pg';
import { guardedRead } from '../errors/database-guard';

/** Delivery records and inboxes in PostgreSQL (the notification activities write them). */
export class NotificationStore {
  constructor(private readonly pool: Pool) {}

  find(id: string): Promise<NotificationWithAttempts | null> {
    return guardedRead(() => findNotification(this.pool, id));
  }

  inbox(recipientKey: string, unread: boolean, limit: number, cursor?: string): Promise<Page<NotificationRecord>> {
    return guardedRead(() => listInbox(this.pool, recipientKey, { unread }, limit, cursor));
  }

  markRead(id: string): Promise<NotificationRecord | 'not-in-inbox' | null> {
    return guardedRead(() => markNotificationRead(this.pool, id));
  }
}
