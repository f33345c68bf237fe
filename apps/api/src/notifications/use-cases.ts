import { emailNotBefore, resolveRecipient, type NotificationSettings } from '@gotrs/config';
import {
  NOTIFICATION_TYPE,
  decodeNotificationRequest,
  notificationWorkflowId,
  type NotificationMemo,
  type NotificationRequest,
  type NotificationWorkflowFn,
} from '@gotrs/contracts';
import type { NotificationRecord, NotificationWithAttempts, Page } from '@gotrs/db';
import type { Pool } from 'pg';
import { actorOf, type Caller } from '../auth/caller';
import { enforce } from '../auth/denial-error';
import { decideInbox, decideMarkRead, decideNotificationRecord, decideRecipient } from '../auth/notification-access';
import { ApiError, notificationNotFound } from '../errors/api-error';
import type { ApiNotification } from '../schemas/notification';
import type { CreateNotificationInput } from '../schemas/notification-requests';
import type { TemporalGateway, WorkflowState } from '../temporal/gateway';
import { requestHash } from '../tickets/ticket-id';
import { createNotificationStore, type NotificationStore } from './notification-store';

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
    id: request.id,
    event: request.event,
    ticketId: request.ticketId,
    recipient: request.recipient,
    requestedChannel: request.channel,
    status: 'queued',
    channel: null,
    subject: request.subject,
    body: request.body,
    html: request.html ?? null,
    deliverAfter: request.deliverAfter ?? null,
    address: null,
    messageId: null,
    emailSentAt: null,
    inAppAt: null,
    readAt: null,
    error: null,
    createdAt: at,
    updatedAt: at,
    completedAt: null,
    requestedBy: request.requestedBy ?? null,
    attempts: [],
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

interface NotificationDeps {
  temporal: TemporalGateway;
  store: NotificationStore;
  settings: NotificationSettings;
}

function acceptedRequest(state: WorkflowState): NotificationRequest | undefined {
  try {
    return decodeNotificationRequest(state.memo?.notification, { acceptUnstorable: true }); // display only: an old run may hold NUL
  } catch {
    return undefined; // started by a Go caller without our memo: nothing to show until it is written
  }
}

function describe(deps: NotificationDeps, id: string): Promise<WorkflowState | null> {
  return deps.temporal.describe('describe-notification', notificationWorkflowId(id), deps.temporal.deadline());
}

/** The notification's row, else what Temporal's memo says of it; 404 when nobody knows it. */
async function find(deps: NotificationDeps, id: string): Promise<Found> {
  const row = await deps.store.find(id);
  if (row) return { record: toApi(row), recipientKey: row.recipientKey, written: true, requestedBy: row.requestedBy };
  const state = await describe(deps, id);
  const accepted = state && acceptedRequest(state);
  if (!accepted) throw notificationNotFound(id);
  const record = queued(accepted, state.startedAt);
  return { record, recipientKey: resolveRecipient(deps.settings, accepted.recipient).key, written: false, requestedBy: record.requestedBy };
}

/** A retried create with the same Idempotency-Key: the same notification, or 422 when the body differs. */
async function resume(deps: NotificationDeps, id: string, hash: string): Promise<ApiNotification> {
  const state = await describe(deps, id);
  const previous = state?.memo?.requestHash;
  if (previous !== undefined && previous !== hash) {
    throw new ApiError('idempotency_key_reused', 'this Idempotency-Key was used for a different notification', [
      { field: 'headers.idempotency-key', message: 'already used with another body' },
    ]);
  }
  return (await find(deps, id)).record;
}

/**
 * Starts `notification-{id}` (once per ID) and answers its record, `queued` until a worker takes it.
 * No open relay: someone outside the directory only for an Admin or `notifications:external`.
 */
async function create(deps: NotificationDeps, caller: Caller, id: string, input: CreateNotificationInput): Promise<ApiNotification> {
  const { urgent, ...fields } = normalize(input);
  const recipient = resolveRecipient(deps.settings, fields.recipient);
  enforce(decideRecipient(caller, recipient));
  const hash = requestHash({ ...fields, urgent });
  const quiet = fields.channel === 'email' && !urgent ? emailNotBefore(recipient.person, Date.now()) : null;
  const given = fields.deliverAfter ? Date.parse(fields.deliverAfter) : null;
  const later = Math.max(quiet ?? 0, given ?? 0);
  const deliverAfter = later > 0 ? new Date(later).toISOString() : null;
  const request = decodeNotificationRequest({ id, ...fields, deliverAfter, requestedBy: actorOf(caller) });
  const memo: NotificationMemo = { notification: request, requestHash: hash };
  const start = { type: NOTIFICATION_TYPE, workflowId: notificationWorkflowId(id), args: [request] as [NotificationRequest], memo };
  if ((await deps.temporal.startOnce<NotificationWorkflowFn>('start-notification', start, deps.temporal.deadline())) === 'exists')
    return resume(deps, id, hash);
  return queued(request, new Date());
}

/**
 * The ad-hoc notification and inbox use cases: starts go to Temporal, reads come from PostgreSQL.
 * `get` answers `queued` while only Temporal knows the notification and 404 when nobody does (the
 * same 404 when it is in no inbox `caller` reaches and they did not ask for it); `inbox` is a
 * person's own in-app inbox, newest first; `markRead` is 409 for one that is not in an inbox.
 */
export function createNotificationUseCases(temporal: TemporalGateway, pool: Pool, settings: NotificationSettings) {
  const deps: NotificationDeps = { temporal, store: createNotificationStore(pool), settings };
  return {
    create: (caller: Caller, id: string, input: CreateNotificationInput) => create(deps, caller, id, input),
    async get(caller: Caller, id: string): Promise<ApiNotification> {
      const found = await find(deps, id);
      enforce(decideNotificationRecord(caller, found, settings), id);
      return found.record;
    },
    async inbox(caller: Caller, recipient: string, unread: boolean, limit: number, cursor?: string): Promise<Page<ApiNotification>> {
      enforce(decideInbox(caller, recipient, settings), recipient);
      const page = await deps.store.inbox(resolveRecipient(settings, recipient).key, unread, limit, cursor);
      return { items: page.items.map(toApi), nextCursor: page.nextCursor };
    },
    async markRead(caller: Caller, id: string): Promise<ApiNotification> {
      const found = await find(deps, id);
      enforce(decideMarkRead(caller, found, settings), id);
      const result = found.written ? await deps.store.markRead(id) : null;
      if (result === 'not-in-inbox' || result === null) {
        throw new ApiError('notification_not_in_inbox', `notification ${id} is not in an in-app inbox (it was emailed, or is not delivered yet)`);
      }
      return toApi(result);
    },
  };
}

export type NotificationUseCases = ReturnType<typeof createNotificationUseCases>;
