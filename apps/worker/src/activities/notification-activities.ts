import { resolveRecipient, type NotificationSettings, type ResolvedRecipient } from '@gotrs/config';
import { FailureTypes, decodeNotificationRequest, type NotificationRequest, type SlaNotice, type TicketNotice } from '@gotrs/contracts';
import {
  claimEmail,
  deliverInApp,
  logNotification,
  recordEmailFailure,
  recordEmailSent,
  type NotificationOutcome,
  type NotificationTarget,
} from '@gotrs/db';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { createWorkerMetrics, type NotificationEnd, type WorkerMetrics } from '../metrics/worker-metrics';
import { classified } from './activity-errors';
import type { Mailer, OutgoingEmail } from './mailer';
import type { Notifier } from './notifier';

export interface NotificationActivityDeps {
  pool: Pool;
  logger: Logger;
  notifications: NotificationSettings;
  mailer: Mailer;
  notifier: Notifier;
  /** Where outcomes, attempts and SMTP send times are counted (a registry of its own by default). */
  metrics?: WorkerMetrics;
}

/** What SendEmailActivity reports: the send of this attempt, or of an earlier one that was accepted. */
export interface EmailReceipt {
  address: string | null;
  messageId: string | null;
  /** True when an earlier attempt had sent it and this one sent nothing. */
  alreadySent: boolean;
}

/** Input of LogNotificationActivity: the notification and how the workflow ended it. */
export interface NotificationLogEntry {
  notification: NotificationRequest;
  outcome: NotificationOutcome;
}

/** When an attempt's claim on the send ends if Temporal gave it no start-to-close timeout. */
const DEFAULT_CLAIM_MS = 60_000;

function target(deps: NotificationActivityDeps, raw: NotificationRequest): { target: NotificationTarget; recipient: ResolvedRecipient } {
  const request = decodeNotificationRequest(raw);
  const recipient = resolveRecipient(deps.notifications, request.recipient);
  return { target: { request, recipientKey: recipient.key }, recipient };
}

/** The stable Message-ID of a notification: every copy of it carries the same one. */
export function messageIdOf(id: string, domain: string): string {
  return `<notification-${id}@${domain}>`;
}

function email(deps: NotificationActivityDeps, request: NotificationRequest, address: string, name: string | null): OutgoingEmail {
  const domain = deps.notifications.messageIdDomain;
  return {
    to: { address, name },
    subject: request.subject,
    text: request.body,
    html: request.html ?? null,
    messageId: messageIdOf(request.id, domain),
    references: request.ticketId ? `<ticket-${request.ticketId}@${domain}>` : null,
    headers: {
      // RFC 3834: an automatic message; auto-responders must not answer it (no mail loops with GOTRS itself).
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      'X-GOTRS-Notification-ID': request.id,
      'X-GOTRS-Event': request.event,
      ...(request.ticketId ? { 'X-GOTRS-Ticket-ID': request.ticketId } : {}),
    },
  };
}

/** A 5xx answer (mailbox unknown, message refused) will not change by retrying; anything else may. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

function describe(error: unknown): string {
  const { message, code, responseCode } = error as { message?: string; code?: string; responseCode?: number };
  return [code, responseCode, message ?? String(error)].filter((part) => part !== undefined && part !== '').join(' ');
}

/** Records a send the SMTP server accepted; a few quick tries, since failing here risks a second copy. */
async function recordSent(deps: NotificationActivityDeps, id: string, attempt: number, sent: { address: string; messageId: string; response: string }) {
  for (let tries = 1; ; tries += 1) {
    try {
      return await recordEmailSent(deps.pool, id, attempt, sent);
    } catch (error) {
      if (tries >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * tries));
    }
  }
}

/** The notification activities: email over SMTP, the in-app inbox, the delivery log, and the notifier's front doors. */
export function createNotificationActivities(deps: NotificationActivityDeps) {
  const metrics = deps.metrics ?? createWorkerMetrics();
  return classified(deps.logger, {
    /** Sends the notification's email once: checks PostgreSQL first, records the send the moment SMTP accepts it. */
    async SendEmailActivity(notification: NotificationRequest): Promise<EmailReceipt> {
      const { target: t, recipient } = target(deps, notification);
      const { id } = t.request;
      const info = Context.current().info;
      const claim = await claimEmail(deps.pool, t, info.attempt, info.startToCloseTimeoutMs || DEFAULT_CLAIM_MS);
      if (claim.kind === 'sent') {
        metrics.notificationAttempt('email', 'already-sent');
        return { address: claim.address, messageId: claim.messageId, alreadySent: true };
      }
      if (claim.kind === 'busy') {
        metrics.notificationAttempt('email', 'busy');
        throw new Error(`another attempt is sending notification ${id} (claimed until ${claim.until})`);
      }
      if (!recipient.email) {
        const reason = `no email address for recipient "${t.request.recipient}"`;
        await recordEmailFailure(deps.pool, id, info.attempt, reason, null);
        metrics.notificationAttempt('email', 'no-address');
        throw ApplicationFailure.nonRetryable(reason, FailureTypes.recipientWithoutEmail);
      }
      const message = email(deps, t.request, recipient.email, recipient.name);
      let response: string;
      const started = performance.now();
      try {
        ({ response } = await deps.mailer.send(message));
      } catch (error) {
        metrics.smtpSent((performance.now() - started) / 1000, 'error');
        metrics.notificationAttempt('email', 'failed');
        const reason = describe(error);
        deps.logger.warn({ notificationId: id, attempt: info.attempt, err: error }, 'email attempt failed');
        await recordEmailFailure(deps.pool, id, info.attempt, reason, recipient.email);
        if (isPermanent(error)) throw ApplicationFailure.nonRetryable(`SMTP refused the message: ${reason}`, FailureTypes.smtpRejected);
        throw new Error(`SMTP: ${reason}`);
      }
      metrics.smtpSent((performance.now() - started) / 1000, 'ok');
      metrics.notificationAttempt('email', 'sent');
      await recordSent(deps, id, info.attempt, { address: recipient.email, messageId: message.messageId, response });
      return { address: recipient.email, messageId: message.messageId, alreadySent: false };
    },

    /** Puts the notification in the recipient's in-app inbox (the seed's fallback channel); once. */
    async SendInAppNotificationActivity(notification: NotificationRequest): Promise<{ inAppAt: string }> {
      const { target: t } = target(deps, notification);
      const inAppAt = await deliverInApp(deps.pool, t, Context.current().info.attempt);
      metrics.notificationAttempt('in-app', 'delivered');
      return { inAppAt };
    },

    /** Records how the notification ended: status, the channel that delivered it, and why email failed. */
    async LogNotificationActivity(entry: NotificationLogEntry): Promise<void> {
      const { target: t } = target(deps, entry.notification);
      const record = await logNotification(deps.pool, t, entry.outcome);
      metrics.notificationEnded(record.status as NotificationEnd, record.channel);
      const fields = { notificationId: record.id, event: record.event, ticketId: record.ticketId, status: record.status, channel: record.channel };
      if (record.status === 'sent') deps.logger.info(fields, 'notification delivered');
      else deps.logger.warn({ ...fields, error: record.error }, `notification ${record.status}`);
    },

    /** A ticket event: notifies its recipients (named, or the event's default audience); once per key. */
    async NotifyTicketEventActivity(notice: TicketNotice): Promise<void> {
      await deps.notifier.notify(notice);
    },

    /** An SLA warning or breach: tells the managers (the policy's, else the configured defaults); once per cycle. */
    async NotifyManagersActivity(notice: SlaNotice): Promise<void> {
      await deps.notifier.notify(slaNotice(notice));
    },
  });
}

/** An SLA warning or breach as a ticket notice: once per milestone, cycle and kind. */
export function slaNotice(notice: SlaNotice): TicketNotice {
  return {
    key: `${notice.ticketId}/sla/${notice.milestone}/${notice.cycle}/${notice.kind}`,
    event: notice.kind === 'warning' ? 'sla.warning' : 'sla.breach',
    ticketId: notice.ticketId,
    ...(notice.managers.length ? { recipients: notice.managers } : {}),
    facts: { milestone: notice.milestone, dueAt: notice.dueAt, at: notice.at, policy: notice.policy, cycle: notice.cycle },
  };
}
