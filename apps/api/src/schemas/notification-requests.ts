import { Type, type Static } from '@sinclair/typebox';
import { NOTIFICATION_CHANNELS } from '@gotrs/contracts';
import { Cursor, DateTime, Limit, Nullable, StringEnum, TicketId } from './common';
import { NotificationId } from './notification';

export const NotificationIdParams = Type.Object({ id: NotificationId });

export const CreateNotificationBody = Type.Object(
  {
    recipient: Type.String({
      minLength: 1,
      maxLength: 320,
      pattern: '\\S',
      description: 'An agent, manager or customer ID from the directory (config/notifications.yaml), or an email address.',
      examples: ['agent-7', 'alice@example.com'],
    }),
    channel: Type.Optional(StringEnum(NOTIFICATION_CHANNELS, { default: 'email', description: '`email` (falls back to `in-app` when email finally fails) or `in-app`.' })),
    subject: Type.String({ minLength: 1, maxLength: 998, pattern: '\\S' }),
    body: Type.String({ minLength: 1, maxLength: 100_000, description: 'Plain text.' }),
    html: Type.Optional(Nullable(Type.String({ maxLength: 200_000, description: 'Optional HTML alternative of `body`.' }))),
    ticketId: Type.Optional(Nullable(TicketId)),
    event: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z][a-z0-9._-]*$', default: 'ad-hoc', description: 'What it tells of.' }),
    ),
    deliverAfter: Type.Optional(Nullable({ ...DateTime, description: 'Hold email until then.' })),
    urgent: Type.Optional(
      Type.Boolean({ default: false, description: "Send at once, even outside the recipient's notify hours." }),
    ),
  },
  { additionalProperties: false },
);
export type CreateNotificationInput = Static<typeof CreateNotificationBody>;

export const InboxQuery = Type.Object(
  {
    recipient: Type.String({ minLength: 1, maxLength: 320, description: 'Whose inbox: an ID or address (one person either way).' }),
    unread: Type.Optional(Type.Boolean({ description: 'Only what was not marked read.' })),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type InboxInput = Static<typeof InboxQuery>;
