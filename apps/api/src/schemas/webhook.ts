import { EVENT_TYPES } from '@gotrs/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { Cursor, DateTime, Limit, Nullable, StringEnum, Text } from './common';

const EventTypeName = StringEnum(EVENT_TYPES, { description: 'An event type of the event log (see GET /api/v1/events).' });

const WEBHOOK_FIELDS = {
  id: Type.String({ format: 'uuid' }),
  url: Type.String({ description: 'Where deliveries are POSTed.' }),
  events: Type.Array(Type.String(), { description: 'The event types delivered.' }),
  description: Nullable(Type.String()),
  status: StringEnum(['active', 'disabled'] as const, { description: '`disabled` after its deliveries failed for webhooks.disable_after (event `webhook.disabled`).' }),
  createdBy: Type.String({ description: 'Who created it.' }),
  createdAt: DateTime,
  updatedAt: DateTime,
  failingSince: Nullable({ ...DateTime, description: 'The first failed attempt since the last delivery; null while deliveries succeed.' }),
  lastDeliveredAt: Nullable(DateTime),
  disabledAt: Nullable(DateTime),
  disabledReason: Nullable(Type.String()),
  previousSecretExpiresAt: Nullable({ ...DateTime, description: 'After a rotation: until when the previous secret signs too (a second signature).' }),
};

/** A subscription as listed: never its secret. */
export const WebhookSchema = Type.Object(WEBHOOK_FIELDS, { $id: 'Webhook', title: 'Webhook', additionalProperties: false });
export type ApiWebhook = Static<typeof WebhookSchema>;

const SECRET = Type.String({
  pattern: '^whsec_[A-Za-z0-9+/]{43}=$',
  description: 'The signing secret, shown this once: `whsec_` and the base64 of 32 random bytes. Verify `webhook-signature` with it (README "Webhooks").',
});

/** The answer of a create or a rotation: the subscription and its new secret. */
export const CreatedWebhookSchema = Type.Object({ ...WEBHOOK_FIELDS, secret: SECRET }, { $id: 'CreatedWebhook', title: 'CreatedWebhook', additionalProperties: false });

export const WebhookPageSchema = Type.Object(
  {
    items: Type.Array(Type.Unsafe<ApiWebhook>(Type.Ref('Webhook')), { description: 'Oldest first.' }),
    nextCursor: Nullable(Type.String({ description: 'Pass as `cursor` for the next page; null on the last page.' })),
  },
  { $id: 'WebhookPage', title: 'WebhookPage', additionalProperties: false },
);

/** One attempt of the delivery log. */
export const WebhookDeliverySchema = Type.Object(
  {
    id: Type.String({ pattern: '^[0-9]{1,19}$' }),
    eventId: Type.String({ pattern: '^[0-9]{1,19}$', description: 'The event of the event log delivered.' }),
    eventType: Type.String(),
    webhookId: Type.String({ description: 'The `webhook-id` header: the same on every attempt of the event.' }),
    attempt: Type.Integer({ minimum: 1 }),
    outcome: StringEnum(['delivered', 'failed', 'given-up'] as const, { description: '`given-up`: the last attempt (webhooks.retry.retry_for), failed.' }),
    statusCode: Nullable(Type.Integer({ description: 'The HTTP status answered; null when there was no answer.' })),
    latencyMs: Type.Integer({ minimum: 0 }),
    error: Nullable(Type.String({ description: 'Why it failed: the status, a refused connection, a timeout, a refused target...' })),
    response: Nullable(Type.String({ description: 'The first bytes (at most 256) of the answer body.' })),
    attemptedAt: DateTime,
  },
  { $id: 'WebhookDelivery', title: 'WebhookDelivery', additionalProperties: false },
);

export const WebhookDeliveryPageSchema = Type.Object(
  {
    items: Type.Array(Type.Unsafe<Static<typeof WebhookDeliverySchema>>(Type.Ref('WebhookDelivery')), { description: 'Newest first.' }),
    nextCursor: Nullable(Type.String({ description: 'Pass as `cursor` for the next page; null on the last page.' })),
  },
  { $id: 'WebhookDeliveryPage', title: 'WebhookDeliveryPage', additionalProperties: false },
);

export const CreateWebhookRequest = Type.Object(
  {
    url: Text({
      minLength: 1,
      maxLength: 2048,
      description:
        'An http:// or https:// URL without credentials or fragment. Its host must resolve to public addresses only (no loopback, private, ' +
        'link-local, metadata or CGNAT address) unless webhooks.allow_private_targets is true.',
      examples: ['https://hooks.example.com/gotrs'],
    }),
    events: Type.Array(EventTypeName, { minItems: 1, maxItems: EVENT_TYPES.length, uniqueItems: true }),
    description: Type.Optional(Text({ maxLength: 500 })),
  },
  { $id: 'CreateWebhookRequest', title: 'CreateWebhookRequest', additionalProperties: false },
);
export type CreateWebhookInput = Static<typeof CreateWebhookRequest>;

/** Rotating takes no field; the body is declared so that clients send `Content-Type: application/json`. */
export const RotateWebhookSecretRequest = Type.Object(
  {},
  { $id: 'RotateWebhookSecretRequest', title: 'RotateWebhookSecretRequest', additionalProperties: false, description: 'No fields: `{}`, or an empty body with `Content-Type: application/json`.' },
);

/** Deleting takes no field; the body is declared so that clients send `Content-Type: application/json`. */
export const DeleteWebhookRequest = Type.Object(
  {},
  { $id: 'DeleteWebhookRequest', title: 'DeleteWebhookRequest', additionalProperties: false, description: 'No fields: `{}`, or an empty body with `Content-Type: application/json`.' },
);

/** A subscription ID is a UUID; any other storable text is simply no subscription (404), as a ticket ID would be. */
export const WebhookIdParams = Type.Object({ id: Text({ minLength: 1, maxLength: 64, description: "The subscription's ID (a UUID)." }) });

export const WebhookPageQuery = Type.Object({ limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) }, { additionalProperties: false });

export const WEBHOOK_MODELS = [WebhookSchema, CreatedWebhookSchema, WebhookPageSchema, WebhookDeliverySchema, WebhookDeliveryPageSchema, CreateWebhookRequest, RotateWebhookSecretRequest, DeleteWebhookRequest];
