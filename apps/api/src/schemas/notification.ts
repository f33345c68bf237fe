import { NOTIFICATION_CHANNELS } from '@gotrs/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { NullableActor } from './actor';
import { DateTime, Identifier, Nullable, StringEnum } from './common';

export const NOTIFICATION_STATUSES = ['queued', 'sending', 'sent', 'fallback', 'failed'] as const;

export const NotificationId = Identifier({
  description: 'Notification ID; the workflow ID is `notification-{id}`.',
  examples: ['5b0c9f0e-3c1d-8a4e-9f2b-2a7d4e1c0b9a'],
});

export const ChannelSchema = StringEnum(NOTIFICATION_CHANNELS, { description: '`email` (falls back to `in-app` when email finally fails) or `in-app`.' });

export const NotificationAttemptSchema = Type.Object(
  {
    channel: ChannelSchema,
    attempt: Type.Integer({ minimum: 1, description: 'Temporal attempt number of the activity on this channel.' }),
    outcome: StringEnum(['started', 'sent', 'already-sent', 'delivered', 'failed'] as const, {
      description: '`already-sent`: a retry found the email sent by an earlier attempt and sent nothing.',
    }),
    error: Nullable(Type.String()),
    startedAt: DateTime,
    finishedAt: Nullable(DateTime),
  },
  { $id: 'NotificationAttempt', title: 'NotificationAttempt', additionalProperties: false },
);

/** A notification's delivery record. */
export const NotificationSchema = Type.Object(
  {
    id: NotificationId,
    event: Type.String({ description: '`ticket.created`, `ticket.assigned`, `sla.breach`, ... or `ad-hoc`.' }),
    ticketId: Nullable(Type.String()),
    recipient: Type.String({ description: 'As requested: an agent, manager or customer ID, or an address.' }),
    requestedChannel: ChannelSchema,
    status: StringEnum(NOTIFICATION_STATUSES, {
      description:
        '`queued`: accepted, nothing tried yet (or waiting for the recipient\'s notify hours); `sending`: in progress; ' +
        '`sent`: delivered on the requested channel; `fallback`: email failed, delivered in-app; `failed`: not delivered.',
    }),
    channel: Nullable({ ...ChannelSchema, description: 'The channel that delivered it.' }),
    subject: Type.String(),
    body: Type.String(),
    html: Nullable(Type.String()),
    deliverAfter: Nullable({ ...DateTime, description: 'Email waits until then (notify hours).' }),
    address: Nullable(Type.String({ description: 'The email address used.' })),
    messageId: Nullable(Type.String({ description: 'The stable Message-ID, `<notification-{id}@domain>`.' })),
    emailSentAt: Nullable(DateTime),
    inAppAt: Nullable({ ...DateTime, description: 'When it reached the in-app inbox.' }),
    readAt: Nullable(DateTime),
    error: Nullable(Type.String({ description: 'Why email (or everything) failed.' })),
    createdAt: DateTime,
    updatedAt: DateTime,
    completedAt: Nullable(DateTime),
    requestedBy: NullableActor(
      'Who asked for it: the caller of POST /notifications, or `system`, `sla`, `escalation` for the ones the workflows send; ' +
        'null when not recorded (older notifications, or a Temporal caller that named nobody).',
    ),
    attempts: Type.Optional(
      Type.Array(Type.Unsafe<Static<typeof NotificationAttemptSchema>>(Type.Ref('NotificationAttempt')), {
        description: 'Every attempt on every channel, oldest first (on GET /notifications/{id}).',
      }),
    ),
  },
  { $id: 'Notification', title: 'Notification', additionalProperties: false },
);

export type ApiNotification = Static<typeof NotificationSchema>;

export const NotificationPageSchema = Type.Object(
  {
    items: Type.Array(Type.Unsafe<ApiNotification>(Type.Ref('Notification'))),
    nextCursor: Nullable(Type.String({ description: 'Pass as `cursor` for the next page; null on the last page.' })),
  },
  { $id: 'NotificationPage', title: 'NotificationPage' },
);

/** The notification models, registered with `addSchema` and referenced by `$ref`. */
export const NOTIFICATION_MODELS = [NotificationAttemptSchema, NotificationSchema, NotificationPageSchema];
