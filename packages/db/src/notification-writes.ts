import type { NotificationChannel, NotificationRequest } from '@gotrs/contracts';
import type { Pool, PoolClient } from 'pg';
import { actorColumns, actorPlaceholders, actorValues } from './actor-columns';
import { NOTIFICATION_COLUMNS, toNotification, type NotificationRecord, type NotificationRow, type NotificationStatus } from './notification-rows';
import { appendEvents, type NewEvent } from './event-writes';
import { inTransaction } from './transaction';

/** A notification as an activity sees it: the request plus its canonical recipient. */
export interface NotificationTarget {
  request: NotificationRequest;
  /** The recipient as the directory knows it (its inbox key). */
  recipientKey: string;
}

/**
 * What a send attempt may do: `send` (the claim is this attempt's), `sent` (a previous attempt's
 * email was accepted: send nothing) or `busy` (another attempt holds the claim right now).
 */
export type EmailClaim =
  | { kind: 'send' }
  | { kind: 'sent'; messageId: string | null; address: string | null; sentAt: string }
  | { kind: 'busy'; until: string };

async function ensureRow(client: PoolClient, { request, recipientKey }: NotificationTarget): Promise<NotificationRow> {
  await client.query(
    `INSERT INTO notifications (id, event, ticket_id, recipient, recipient_key, requested_channel, subject, body, html, deliver_after, status,
                                requested_by, ${actorColumns('requested_by')})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'sending', $11, ${actorPlaceholders(12)})
     ON CONFLICT (id) DO NOTHING`,
    [request.id, request.event, request.ticketId, request.recipient, recipientKey, request.channel, request.subject, request.body,
      request.html ?? null, request.deliverAfter ?? null, request.requestedBy?.label ?? null, ...actorValues(request.requestedBy)],
  );
  const row = await client.query<NotificationRow & { claimed: boolean; claimed_until: Date | null }>(
    `SELECT ${NOTIFICATION_COLUMNS}, email_claimed_until AS claimed_until, email_claimed_until > now() AS claimed
       FROM notifications WHERE id = $1 FOR UPDATE`,
    [request.id],
  );
  return row.rows[0]!;
}

async function writeAttempt(client: PoolClient, id: string, channel: NotificationChannel, attempt: number, outcome: string, error: string | null = null) {
  await client.query(
    `INSERT INTO notification_attempts (notification_id, channel, attempt, outcome, error, finished_at)
     VALUES ($1, $2, $3, $4, $5, CASE WHEN $4 = 'started' THEN NULL ELSE now() END)
     ON CONFLICT (notification_id, channel, attempt)
       DO UPDATE SET outcome = EXCLUDED.outcome, error = EXCLUDED.error, finished_at = EXCLUDED.finished_at`,
    [id, channel, attempt, outcome, error],
  );
}

/**
 * Checks before sending: creates the row on the first attempt, answers `sent` when an earlier
 * attempt's email was accepted, and otherwise claims the send for `leaseMs` (PostgreSQL's clock).
 */
export function claimEmail(pool: Pool, target: NotificationTarget, attempt: number, leaseMs: number): Promise<EmailClaim> {
  return inTransaction(pool, async (client) => {
    const row = (await ensureRow(client, target)) as NotificationRow & { claimed: boolean; claimed_until: Date | null };
    const id = target.request.id;
    if (row.email_sent_at) {
      await writeAttempt(client, id, 'email', attempt, 'already-sent');
      return { kind: 'sent', messageId: row.message_id, address: row.address, sentAt: row.email_sent_at.toISOString() };
    }
    if (row.claimed && row.claimed_until) return { kind: 'busy', until: row.claimed_until.toISOString() };
    await client.query(
      `UPDATE notifications SET email_claimed_until = now() + make_interval(secs => $2::double precision / 1000), updated_at = now()
        WHERE id = $1`,
      [id, leaseMs],
    );
    await writeAttempt(client, id, 'email', attempt, 'started');
    return { kind: 'send' };
  });
}

/** Records, right after the SMTP server accepted it, that the email went out; later attempts send nothing. */
export function recordEmailSent(
  pool: Pool,
  id: string,
  attempt: number,
  sent: { address: string; messageId: string; response: string },
): Promise<void> {
  return inTransaction(pool, async (client) => {
    await client.query(
      `UPDATE notifications
          SET email_sent_at = coalesce(email_sent_at, now()), address = $2, message_id = $3, smtp_response = $4,
              email_claimed_until = NULL, status = 'sent', channel = 'email', error = NULL, updated_at = now()
        WHERE id = $1`,
      [id, sent.address, sent.messageId, sent.response],
    );
    await writeAttempt(client, id, 'email', attempt, 'sent');
  });
}

/** Records a failed email attempt and releases its claim, so that the next attempt may send. */
export function recordEmailFailure(pool: Pool, id: string, attempt: number, error: string, address: string | null): Promise<void> {
  return inTransaction(pool, async (client) => {
    await client.query(
      `UPDATE notifications SET email_claimed_until = NULL, error = $2, address = coalesce($3, address), updated_at = now()
        WHERE id = $1 AND email_sent_at IS NULL`,
      [id, error, address],
    );
    await writeAttempt(client, id, 'email', attempt, 'failed', error);
  });
}

/** Puts the notification in its recipient's in-app inbox (once) and answers when it arrived there. */
export function deliverInApp(pool: Pool, target: NotificationTarget, attempt: number): Promise<string> {
  return inTransaction(pool, async (client) => {
    await ensureRow(client, target);
    const updated = await client.query<{ in_app_at: Date }>(
      `UPDATE notifications SET in_app_at = coalesce(in_app_at, now()), updated_at = now() WHERE id = $1 RETURNING in_app_at`,
      [target.request.id],
    );
    await writeAttempt(client, target.request.id, 'in-app', attempt, 'delivered');
    return updated.rows[0]!.in_app_at.toISOString();
  });
}

/** The outcome `LogNotificationActivity` records once the workflow is done. */
export interface NotificationOutcome {
  status: Exclude<NotificationStatus, 'sending'>;
  channel: NotificationChannel | null;
  /** Why email (or everything) failed; null when delivered as asked. */
  error: string | null;
}

const OUTCOME_EVENTS = { sent: 'notification.delivered', fallback: 'notification.fallback', failed: 'notification.failed' } as const;

/** The log event of a notification's outcome: once per notification and outcome. */
function outcomeEvent({ request, recipientKey }: NotificationTarget, record: NotificationRecord): NewEvent {
  const status = record.status as keyof typeof OUTCOME_EVENTS;
  return {
    key: `notification:${request.id}/${status}`, type: OUTCOME_EVENTS[status], ticketId: request.ticketId, at: record.completedAt ?? new Date(),
    data: { notificationId: request.id, event: request.event, recipient: recipientKey, requestedChannel: request.channel, channel: record.channel, error: record.error },
  };
}

/** Records the final outcome (idempotent: a retried log writes the same thing) and answers the record. */
export function logNotification(pool: Pool, target: NotificationTarget, outcome: NotificationOutcome): Promise<NotificationRecord> {
  return inTransaction(pool, async (client) => {
    await ensureRow(client, target);
    const updated = await client.query<NotificationRow>(
      `UPDATE notifications
          SET status = $2, channel = $3, error = CASE WHEN $2 = 'sent' THEN NULL ELSE coalesce($4, error) END, completed_at = coalesce(completed_at, now()), updated_at = now()
        WHERE id = $1 RETURNING ${NOTIFICATION_COLUMNS}`,
      [target.request.id, outcome.status, outcome.channel, outcome.error],
    );
    const record = toNotification(updated.rows[0]!);
    await appendEvents(client, [outcomeEvent(target, record)]);
    return record;
  });
}
