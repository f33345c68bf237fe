import { emailNotBefore, resolveRecipient, type NotificationSettings } from '@gotrs/config';
import { WorkflowTypes, decodeNotificationRequest, notificationWorkflowId, type NotificationRequest } from '@gotrs/contracts';
import type { NotificationRecord, NotificationWithAttempts, Page } from '@gotrs/db';
import { WorkflowExecutionAlreadyStartedError, type WorkflowExecutionDescription } from '@temporalio/client';
import type { Pool } from 'pg';
import { actorOf, type Caller } from '../auth/caller';
import { enforce } from '../auth/denial-error';
import { decideInbox, decideMarkRead, decideNotificationRecord, decideRecipient } from '../auth/notification-access';
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
    error: null, createdAt: at, updatedAt: at, completedAt: null, requestedBy: request.requestedBy ?? null, attempts: [],
  };
}

/** A notification as found (its row, or only Temporal's memo) with what the access rules look at. */
interface Found {
  record: ApiNotification;
  recipientKey: string;
  requestedBy: ApiNotification['requestedBy'];
  /** Whether its row exists (else only Temporal knows it, queued). */
  written: boolean;
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

  /**
   * Starts `notification-{id}` (once per ID) and answers its record, `queued` until a worker takes it.
   * No open relay: someone outside the directory only for an Admin or `notifications:external`.
   */
  async create(caller: Caller, id: string, input: CreateNotificationInput): Promise<ApiNotification> {
    const { urgent, ...fields } = normalize(input);
    const recipient = resolveRecipient(this.settings, fields.recipient);
    enforce(decideRecipient(caller, recipient));
    const hash = requestHash({ ...fields, urgent });
    const quiet = fields.channel === 'email' && !urgent ? emailNotBefore(recipient.person, Date.now()) : null;
    const given = fields.deliverAfter ? Date.parse(fields.deliverAfter) : null;
    const later = Math.max(quiet ?? 0, given ?? 0);
    const deliverAfter = later > 0 ? new Date(later).toISOString() : null;
    const request = decodeNotificationRequest({ id, ...fields, deliverAfter, requestedBy: actorOf(caller) });
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

  /**
   * The delivery record; `queued` while only Temporal knows the notification; 404 when nobody does,
   * and the same 404 when it is in no inbox `caller` reaches and they did not ask for it.
   */
  async get(caller: Caller, id: string): Promise<ApiNotification> {
    const found = await this.find(id);
    enforce(decideNotificationRecord(caller, found, this.settings), id);
    return found.record;
  }

  /** A recipient's in-app inbox, newest first (an ID and the person's address name the same inbox); a person's own only. */
  async inbox(caller: Caller, recipient: string, unread: boolean, limit: number, cursor?: string): Promise<Page<ApiNotification>> {
    enforce(decideInbox(caller, recipient, this.settings), recipient);
    const page = await this.store.inbox(resolveRecipient(this.settings, recipient).key, unread, limit, cursor);
    return { items: page.items.map(toApi), nextCursor: page.nextCursor };
  }

  /** Marks an inbox item read (in an inbox `caller` reaches); 409 for one that is not in an inbox (email only, or not delivered yet). */
  async markRead(caller: Caller, id: string): Promise<ApiNotification> {
    const found = await this.find(id);
    enforce(decideMarkRead(caller, found, this.settings), id);
    const result = found.written ? await this.store.markRead(id) : null;
    if (result === 'not-in-inbox' || result === null) {
      throw new ApiError('notification_not_in_inbox', `notification ${id} is not in an in-app inbox (it was emailed, or is not delivered yet)`);
    }
    return toApi(result);
  }

  /** The notification's row, else what Temporal's memo says of it; 404 when nobody knows it. */
  private async find(id: string): Promise<Found> {
    const row = await this.store.find(id);
    if (row) return { record: toApi(row), recipientKey: row.recipientKey, written: true, requestedBy: row.requestedBy };
    const description = await this.describe(id);
    const accepted = description && this.acceptedRequest(description);
    if (!accepted) throw notificationNotFound(id);
    const record = queued(accepted, description.startTime);
    return { record, recipientKey: resolveRecipient(this.settings, accepted.recipient).key, written: false, requestedBy: record.requestedBy };
  }

  private async resume(id: string, hash: string): Promise<ApiNotification> {
    const description = await this.describe(id);
    const previous = description?.memo?.requestHash;
    if (previous !== undefined && previous !== hash) {
      throw new ApiError('idempotency_key_reused', 'this Idempotency-Key was used for a different notification', [
        { field: 'headers.idempotency-key', message: 'already used with another body' },
      ]);
    }
    return (await this.find(id)).record;
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
