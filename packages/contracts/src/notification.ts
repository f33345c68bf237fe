import { DecodeError, readField } from './decode';

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
}

/** Workflow ID of a notification. */
export function notificationWorkflowId(id: string): string {
  return `notification-${id}`;
}

function text(source: Record<string, unknown>, name: string, required: boolean): string | undefined {
  const value = readField(source, name);
  if (value === undefined || value === null || value === '') {
    if (required) throw new DecodeError(`${name} is required`);
    return undefined;
  }
  if (typeof value !== 'string') throw new DecodeError(`${name} must be a string`);
  return value;
}

function instant(source: Record<string, unknown>, name: string): string | null {
  const value = text(source, name, false);
  if (value === undefined || value.startsWith('0001-01-01')) return null; // Go's zero time.Time
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new DecodeError(`${name} must be an ISO 8601 date-time`);
  return new Date(ms).toISOString();
}

/** Decodes a `NotificationRequest` from camelCase or Go's PascalCase field names. */
export function decodeNotificationRequest(raw: unknown): NotificationRequest {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new DecodeError('notification must be an object');
  const source = raw as Record<string, unknown>;
  const channel = text(source, 'channel', false) ?? 'email';
  if (!NOTIFICATION_CHANNELS.includes(channel as NotificationChannel)) {
    throw new DecodeError(`channel must be one of ${NOTIFICATION_CHANNELS.join(', ')}`);
  }
  return {
    id: text(source, 'id', true)!,
    ticketId: text(source, 'ticketId', false) ?? null,
    recipient: text(source, 'recipient', true)!,
    channel: channel as NotificationChannel,
    subject: text(source, 'subject', false) ?? '',
    body: text(source, 'body', false) ?? '',
    html: text(source, 'html', false) ?? null,
    event: text(source, 'event', false) ?? 'ad-hoc',
    deliverAfter: instant(source, 'deliverAfter'),
  };
}
