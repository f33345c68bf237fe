import { EVENT_TYPES } from '@gotrs/contracts';
import { Type } from '@sinclair/typebox';
import { StringEnum, Text, TicketId } from './common';
import { Model } from './model';

const EVENT_ID = { type: 'string', pattern: '^[0-9]{1,19}$', description: 'The event\'s id (a decimal integer): ids only grow, in the order the changes were committed.' };
const Who = { actor: { type: 'string', description: 'Who made the change (a user\'s email, `api-key:{name}`, or `sla`, `escalation`, `system`).' } };
const Why = { reason: { type: ['string', 'null'], description: 'Why, when the change says.' } };

/** `change` of ticket.created. */
const TicketCreatedChange = Model('TicketCreatedChange', {
  type: 'object', required: ['ticket'],
  properties: { ticket: { type: 'object', description: 'The ticket as written: id, number, title, status, priority, queue, customerUserId, createdAt...' }, ...Who, ...Why },
});
/** `change` of ticket.assigned, ticket.status-changed, ticket.reopened. */
const TicketFieldChange = Model('TicketFieldChange', {
  type: 'object', required: ['from', 'to'],
  properties: {
    from: { type: ['string', 'null'], description: 'The assignee or status before.' },
    to: { type: ['string', 'null'], description: 'The assignee (null: unassigned) or status after.' },
    pendingUntil: { type: ['string', 'null'], format: 'date-time', description: 'Status changes: when a pending status ends.' },
    ...Who, ...Why,
  },
});
/** `change` of ticket.responded. */
const TicketResponseChange = Model('TicketResponseChange', {
  type: 'object', required: ['agentId'], properties: { agentId: { type: 'string' }, ...Who, ...Why },
});
/** `change` of the sla.* events. */
const SlaChange = Model('SlaChange', {
  type: 'object', required: ['milestone', 'cycle'],
  properties: {
    milestone: { type: 'string', enum: ['FirstResponse', 'Resolution', 'Update'] },
    cycle: { type: 'integer', minimum: 1 },
    dueAt: { type: ['string', 'null'], format: 'date-time', description: 'The due instant the event relates to (a breach is `at - dueAt` late).' },
    ...Who, ...Why,
  },
});
/** `change` of escalation.level-fired. */
const EscalationChange = Model('EscalationChange', {
  type: 'object', required: ['workflowId', 'level', 'fromLevel', 'toLevel'],
  properties: {
    workflowId: { type: 'string' }, trigger: { type: 'string' }, level: { type: 'integer' }, fromLevel: { type: 'integer' }, toLevel: { type: 'integer' },
    queue: { type: ['string', 'null'], description: 'The queue it moved to; null: unchanged.' },
    priority: { type: ['integer', 'null'], description: 'The priority it was raised to; null: unchanged.' },
    assignedAgent: { type: ['string', 'null'] }, ...Who, ...Why,
  },
});
/** `change` of notification.delivered, .fallback and .failed. */
const NotificationChange = Model('NotificationChange', {
  type: 'object', required: ['notificationId', 'recipient'],
  properties: {
    notificationId: { type: 'string' }, event: { type: 'string', description: 'What it told (`sla.breach`, `ticket.assigned`...).' },
    recipient: { type: 'string' }, requestedChannel: { type: 'string', enum: ['email', 'in-app'] },
    channel: { type: ['string', 'null'], enum: ['email', 'in-app', null], description: 'The channel that delivered it; null when none did.' },
    error: { type: ['string', 'null'], description: 'Why email (or everything) failed.' },
  },
});

/** `change` of webhook.disabled. */
const WebhookChange = Model('WebhookChange', {
  type: 'object', required: ['webhookId', 'url', 'reason'],
  properties: {
    webhookId: { type: 'string', format: 'uuid', description: 'The subscription disabled.' }, url: { type: 'string' },
    failingSince: { type: 'string', format: 'date-time', description: 'Its first failed attempt since the last delivery.' }, reason: { type: 'string' },
  },
});

/** What each `data:` line of GET /api/v1/events carries. */
export const StreamEventSchema = Model('StreamEvent', {
  type: 'object',
  required: ['id', 'type', 'ticketId', 'at', 'recordedAt', 'change'],
  description:
    'One event of GET /api/v1/events: the JSON of its `data:` line. Its `id:` and `event:` lines repeat `id` and `type`. ' +
    '`change` is a TicketCreatedChange (ticket.created), TicketFieldChange (ticket.assigned, ticket.status-changed, ticket.reopened), ' +
    'TicketResponseChange (ticket.responded), SlaChange (sla.*), EscalationChange (escalation.level-fired) NotificationChange (notification.*) or WebhookChange (webhook.disabled).',
  properties: {
    id: EVENT_ID,
    type: { type: 'string', enum: [...EVENT_TYPES] },
    ticketId: { type: ['string', 'null'], description: 'The ticket; null for a notification sent about no ticket and for webhook.disabled.' },
    at: { type: 'string', format: 'date-time', description: 'When the change happened.' },
    recordedAt: { type: 'string', format: 'date-time', description: 'When its transaction wrote it.' },
    change: {
      anyOf: ['TicketCreatedChange', 'TicketFieldChange', 'TicketResponseChange', 'SlaChange', 'EscalationChange', 'NotificationChange', 'WebhookChange'].map((id) => ({ $ref: id })),
    },
  },
});

export const EVENT_MODELS = [TicketCreatedChange, TicketFieldChange, TicketResponseChange, SlaChange, EscalationChange, NotificationChange, WebhookChange, StreamEventSchema];

export const EventStreamQuery = Type.Object(
  {
    ticketId: Type.Optional(TicketId),
    types: Type.Optional(
      Type.Array(StringEnum(EVENT_TYPES), {
        minItems: 1, maxItems: EVENT_TYPES.length,
        description: 'Only these event types. Repeat the parameter or separate values by commas.',
      }),
    ),
    since: Type.Optional(Text({
      maxLength: 64,
      description: 'The Last-Event-ID for clients that cannot send the header (the header wins when both are given): resume after this event id.',
    })),
    follow: Type.Optional(Type.Boolean({
      default: true,
      description: 'false: send the events the log holds after the last id, then end the response (a catch-up read) instead of staying open.',
    })),
  },
  { additionalProperties: false },
);

export const EventStreamHeaders = Type.Object({
  'last-event-id': Type.Optional(Text({
    maxLength: 64,
    description: 'The `id:` of the last event the client received (EventSource sends it when it reconnects): the stream replays what came after it, then goes live.',
  })),
});
