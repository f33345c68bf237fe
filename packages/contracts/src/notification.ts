import { decodeActor, temporalActor, type Actor } from './actor';
import { DecodeError, Fields, isDict, type DecodeOptions } from './fields';

export const NOTIFICATION_CHANNELS = ['email', 'in-app'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** What `NotificationWorkflow` delivers; Go sends the same fields in PascalCase (`ID`, `TicketID`...). */
export interface NotificationRequest {
  /** Business key of the notification; the workflow ID is `notification-{id}`. */
  id: string;
  ticketId: string | null;
  /** An email address, or an agent/manager/customer user ID resolved through configuration. */
  recipient: string;
  channel: NotificationChannel;
  subject: string;
  body: string;
  /** Optional HTML alternative of `body`. */
  html?: string | null;
  /** The event it tells of: `ticket.created`, `sla.breach`, ... or anything for ad-hoc ones. */
  event: string;
  /** Email waits until this instant (ISO 8601): the recipient's notify hours. Null or past: at once. */
  deliverAfter?: string | null;
  /**
   * Who asked for it: the caller the API verified, `system`/`sla`/`escalation` for the worker's own
   * notices, a Go caller's plain name (`temporal`); absent when nobody was named.
   */
  requestedBy?: Actor | null;
}

/**
 * Decodes a `NotificationRequest` from camelCase or Go's PascalCase field names. Zero values are "not
 * set" (`""` subject or body are empty, Go's zero DeliverAfter is "at once"); `id` and `recipient` are
 * required; no text may be unstorable.
 */
export function decodeNotificationRequest(raw: unknown, options: DecodeOptions = {}): NotificationRequest {
  if (!isDict(raw)) throw new DecodeError('notification must be an object');
  const f = new Fields(raw, '', options);
  const channel = f.text('channel') ?? 'email';
  if (!NOTIFICATION_CHANNELS.includes(channel as NotificationChannel)) {
    throw new DecodeError(`channel must be one of ${NOTIFICATION_CHANNELS.join(', ')}`, 'channel');
  }
  const requestedBy = requester(f, options);
  return {
    id: f.requiredText('id'),
    ticketId: f.text('ticketId') ?? null,
    recipient: f.requiredText('recipient'),
    channel: channel as NotificationChannel,
    subject: f.text('subject') ?? '',
    body: f.text('body') ?? '',
    html: f.text('html') ?? null,
    event: f.text('event') ?? 'ad-hoc',
    deliverAfter: f.instant('deliverAfter') ?? null,
    ...(requestedBy ? { requestedBy } : {}),
  };
}

/** `requestedBy`: our structured actor, or a Go caller's plain string; undefined when absent. */
function requester(f: Fields, options: DecodeOptions): Actor | undefined {
  if (typeof f.raw('requestedBy') !== 'string') return decodeActor(f.raw('requestedBy'), 'requestedBy', options);
  const name = f.text('requestedBy')?.trim();
  return name ? temporalActor(name) : undefined;
}
