import { Type, type Static } from '@sinclair/typebox';
import { NOTIFICATION_CHANNELS } from '@gotrs/contracts';
import { Cursor, DateTime, EVENT_NAME_PATTERN, Limit, NonBlankText, Nullable, StringEnum, Text, TicketId } from './common';
import { NotificationId } from './notification';

export const NotificationIdParams = Type.Object({ id: NotificationId });

export const SendNotificationRequest = Type.Object(
  {
    recipient: NonBlankText({
      maxLength: 320,
      description: 'An agent, manager or customer ID from the directory (config/notifications.yaml), or an email address.',
      examples: ['agent-7', 'alice@example.com'],
    }),
    channel: Type.Optional(StringEnum(NOTIFICATION_CHANNELS, { default: 'email', description: '`email` (falls back to `in-app` when email finally fails) or `in-app`.' })),
    subject: NonBlankText({ maxLength: 998 }),
    body: Text({ minLength: 1, maxLength: 100_000, description: 'Plain text.' }),
    html: Type.Optional(Nullable(Text({ maxLength: 200_000, description: 'Optional HTML alternative of `body`.' }))),
    ticketId: Type.Optional(Nullable(TicketId)),
    event: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, pattern: EVENT_NAME_PATTERN, default: 'ad-hoc', description: 'What it tells of.' }),
    ),
    deliverAfter: Type.Optional(Nullable({ ...DateTime, description: 'Hold email until then.' })),
    urgent: Type.Optional(
      Type.Boolean({ default: false, description: "Send at once, even outside the recipient's notify hours." }),
    ),
  },
  { $id: 'SendNotificationRequest', title: 'SendNotificationRequest', additionalProperties: false },
);
export type CreateNotificationInput = Static<typeof SendNotificationRequest>;

export const InboxQuery = Type.Object(
  {
    recipient: Text({ minLength: 1, maxLength: 320, description: 'Whose inbox: an ID or address (one person either way).' }),
    unread: Type.Optional(Type.Boolean({ description: 'Only what was not marked read.' })),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type InboxInput = Static<typeof InboxQuery>;

/** Marking read takes no field; the body is declared so that clients send `Content-Type: application/json`. */
export const MarkNotificationReadRequest = Type.Object(
  {},
  {
    $id: 'MarkNotificationReadRequest',
    title: 'MarkNotificationReadRequest',
    additionalProperties: false,
    description: 'No fields: `{}`, or an empty body with `Content-Type: application/json` (every change needs that header).',
  },
);

/** The notification request models, registered with `addSchema`. */
export const NOTIFICATION_REQUEST_MODELS = [SendNotificationRequest, MarkNotificationReadRequest];
