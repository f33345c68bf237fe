import type { Actor, NotificationChannel } from '@gotrs/contracts';
import { actorColumns, actorOfRow } from './actor-columns';

/** Where a notification stands: `sent` on the requested channel, `fallback` in-app after email failed. */
export type NotificationStatus = 'sending' | 'sent' | 'fallback' | 'failed';

/** One try on one channel (Temporal's attempt number of the activity). */
export interface NotificationAttempt {
  channel: NotificationChannel;
  attempt: number;
  outcome: 'started' | 'sent' | 'already-sent' | 'delivered' | 'failed';
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

/** A notification's delivery record, as stored. Instants are ISO 8601. */
export interface NotificationRecord {
  id: string;
  event: string;
  ticketId: string | null;
  recipient: string;
  recipientKey: string;
  requestedChannel: NotificationChannel;
  status: NotificationStatus;
  channel: NotificationChannel | null;
  subject: string;
  body: string;
  html: string | null;
  deliverAfter: string | null;
  address: string | null;
  messageId: string | null;
  emailSentAt: string | null;
  inAppAt: string | null;
  readAt: string | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  /** Who asked for it; null when not recorded (notifications from before actors were, or unnamed). */
  requestedBy: Actor | null;
}

export const NOTIFICATION_COLUMNS =
  'id, event, ticket_id, recipient, recipient_key, requested_channel, status, channel, subject, body, html, deliver_after, address, ' +
  `message_id, email_sent_at, in_app_at, read_at, error, created_at, updated_at, completed_at, requested_by, ${actorColumns('requested_by')}`;

export interface NotificationRow {
  id: string;
  event: string;
  ticket_id: string | null;
  recipient: string;
  recipient_key: string;
  requested_channel: string;
  status: string;
  channel: string | null;
  subject: string;
  body: string;
  html: string | null;
  deliver_after: Date | null;
  address: string | null;
  message_id: string | null;
  email_sent_at: Date | null;
  in_app_at: Date | null;
  read_at: Date | null;
  error: string | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
  requested_by: string | null;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toNotification(row: NotificationRow): NotificationRecord {
  return {
    id: row.id,
    event: row.event,
    ticketId: row.ticket_id,
    recipient: row.recipient,
    recipientKey: row.recipient_key,
    requestedChannel: row.requested_channel as NotificationChannel,
    status: row.status as NotificationStatus,
    channel: row.channel as NotificationChannel | null,
    subject: row.subject,
    body: row.body,
    html: row.html,
    deliverAfter: iso(row.deliver_after),
    address: row.address,
    messageId: row.message_id,
    emailSentAt: iso(row.email_sent_at),
    inAppAt: iso(row.in_app_at),
    readAt: iso(row.read_at),
    error: row.error,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    completedAt: iso(row.completed_at),
    requestedBy: actorOfRow(row as unknown as Record<string, unknown>, 'requested_by', row.requested_by),
  };
}

export interface AttemptRow {
  channel: string;
  attempt: number;
  outcome: string;
  error: string | null;
  started_at: Date;
  finished_at: Date | null;
}

export function toAttempt(row: AttemptRow): NotificationAttempt {
  return {
    channel: row.channel as NotificationChannel,
    attempt: row.attempt,
    outcome: row.outcome as NotificationAttempt['outcome'],
    error: row.error,
    startedAt: row.started_at.toISOString(),
    finishedAt: iso(row.finished_at),
  };
}
