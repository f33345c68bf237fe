import { emailNotBefore, resolveRecipient, type NotificationSettings } from '@gotrs/config';
import { WorkflowTypes, decodeNotificationRequest, notificationWorkflowId, type NotificationRequest } from '@gotrs/contracts';
import type { NotificationRecord, NotificationWithAttempts, Page } from '@gotrs/db';
import { WorkflowExecutionAlreadyStartedError, type WorkflowExecutionDescription } from '@temporalio/client';
import type { Pool } from 'pg';
import { ApiError, temporalUnavailable } from '../errors/api-error';
import { isTemporalUnreachable, isWorkflowNotFound } from '../errors/temporal-failures';
import type { ApiNotification } from '../schemas/notification';
import type { CreateNotificationInput } from '../schemas/notification-requests';
import type { TemporalGateway } from '../temporal/gateway';
import { requestHash } from '../tickets/ticket-id';
import { NotificationStore } from './notification-store';

export function notificationNotFound(id: string): ApiError {
  return new ApiError('notification_not_found', `no notification with id "${id}"`);
}

/** The body with its defaults applied: what the Idempotency-Key's request hash covers. */
function normalize(input: CreateNotificationInput) {
  return {
    recipient: input.recipient.trim(),
    channel: input.channel ?? 'email',
    subject: input.subject,
    body: input.body,
    html: input.html ?? null,
    ticketId: input.ticketId ?? null,
    event: input.event ?? 'ad-hoc',
    deliverAfter: input.deliverAfter ? new Date(input.deliverAfter).toISOString() : null,
    urgent: input.urgent ?? false,
  };
}

function toApi({ recipientKey: _key, ...record }: NotificationRecord | NotificationWithAttempts): ApiNotification {
  return record;
}

/** A notification Temporal has accepted but no activity has written yet. */
function queued(request: NotificationRequest, since: Date): ApiNotification {
  const at = since.toISOString();
  return {
    id: request.id, event: request.event, ticketId: request.ticketId, recipient: request.recipient, requestedChannel: request.channel,
    status: 'queued', channel: null, subject: request.subject, body: request.body, html: request.html ?? null,
    deliverAfter: request.deliverAfter ?? null, address: null, messageId: null, emailSentAt: null, inAppAt: null, readAt: null,
    error: null, createdAt: at, updatedAt: at, completedAt: null, attempts: [],
  };
}

/** The ad-hoc notification and inbox use cases: starts go to Temporal, reads come from PostgreSQL. */
export class NotificationService {
  private readonly store: NotificationStore;

  constructor(
    private readonly temporal: TemporalGateway,
    pool: Pool,
    private readonly settings: NotificationSettings,
  ) {
    this.store = new NotificationStore(pool);
  }

  /** Starts `notification-{id}` (once per ID) and answers its record, `queued` until a worker takes it. */
  async create(id: string, input: CreateNotificationInput): Promise<ApiNotification> {
    const { urgent, ...fields } = normalize(input);
    const hash = requestHash({ ...fields, urgent });
    const person = resolveRecipient(this.settings, fields.recipient).person;
    const quiet = fields.channel === 'email' && !urgent ? emailNotBefore(person, Date.now()) : null;
    const given = fields.deliverAfter ? Date.parse(fields.deliverAfter) : null;
    const later = Math.max(quiet ?? 0, given ?? 0);
    const request = decodeNotificationRequest({ id, ...fields, deliverAfter: later > 0 ? new Date(later).toISOString() : null });
    try {
      await this.temporal.within('start-notification', this.temporal.deadline(), () =>
        this.temporal.workflow.start(WorkflowTypes.notification, {
          workflowId: notificationWorkflowId(id),
          taskQueue: this.temporal.settings.taskQueue,
          args: [request],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          memo: { notification: request, requestHash: hash },
        }),
      );
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return this.resume(id, hash);
      if (isTemporalUnreachable(error)) throw temporalUnavailable(error);
      throw error;
    }
    return queued(request, new Date());
  }

  /** The delivery record; `queued` while only Temporal knows the notification; 404 when nobody does. */
  async get(id: string): Promise<ApiNotification> {
    const row = await this.store.find(id);
    if (row) return toApi(row);
    const description = await this.describe(id);
    const accepted = description && this.acceptedRequest(description);
    if (!accepted) throw notificationNotFound(id);
    return queued(accepted, description.startTime);
  }

  /** A recipient's in-app inbox, newest first; an ID and the person's address name the same inbox. */
  async inbox(recipient: string, unread: boolean, limit: number, cursor?: string): Promise<Page<ApiNotification>> {
    const page = await this.store.inbox(resolveRecipient(this.settings, recipient).key, unread, limit, cursor);
    return { items: page.items.map(toApi), nextCursor: page.nextCursor };
  }

  /** Marks an inbox item read; 409 for one that is not in an inbox (email only, or not delivered yet). */
  async markRead(id: string): Promise<ApiNotification> {
    const result = await this.store.markRead(id);
    if (result === 'not-in-inbox' || (result === null && (await this.describe(id)))) {
      throw new ApiError('notification_not_in_inbox', `notification ${id} is not in an in-app inbox (it was emailed, or is not delivered yet)`);
    }
    if (result === null) throw notificationNotFound(id);
    return toApi(result);
  }

  private async resume(id: string, hash: string): Promise<ApiNotification> {
    const description = await this.describe(id);
    const previous = description?.memo?.requestHash;
    if (previous !== undefined && previous !== hash) {
      throw new ApiError('idempotency_key_reused', 'this Idempotency-Key was used for a different notification', [
        { field: 'headers.idempotency-key', message: 'already used with another body' },
      ]);
    }
    return this.get(id);
  }

  private acceptedRequest(description: WorkflowExecutionDescription): NotificationRequest | undefined {
    try {
      return decodeNotificationRequest(description.memo?.notification, { acceptUnstorable: true }); // display only: an old run may hold NUL
    } catch {
      return undefined; // started by a Go caller without our memo: nothing to show until it is written
    }
  }

  private async describe(id: string): Promise<WorkflowExecutionDescription | null> {
    const handle = this.temporal.workflow.getHandle(notificationWorkflowId(id));
    try {
      return await this.temporal.within('describe-notification', this.temporal.deadline(), () => handle.describe());
    } catch (error) {
      if (isWorkflowNotFound(error)) return null;
      if (isTemporalUnreachable(error)) throw temporalUnavailable(error);
      throw error;
    }
  }
}
