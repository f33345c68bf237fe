import { DEFAULT_PRIORITY, PRIORITY_NAMES, STATUS_INPUTS, TICKET_DEFAULTS } from '@gotrs/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { Actor, ChangeMeta, Cursor, DateTime, Limit, Nullable, StringEnum } from './common';
import { SlaOverrideBody } from './sla-requests';

export const CreateTicketBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 255, pattern: '\\S', description: 'Required, not blank.' }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 100_000 }))),
    priority: Type.Optional(
      Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), StringEnum(PRIORITY_NAMES)], {
        default: DEFAULT_PRIORITY,
        description: `1..5 or an OTRS priority name (${PRIORITY_NAMES.join(', ')}).`,
      }),
    ),
    queue: Type.Optional(Type.String({ minLength: 1, maxLength: 200, default: TICKET_DEFAULTS.queue })),
    customerUserId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200 }))),
    actor: Type.Optional(Actor),
    sla: Type.Optional(SlaOverrideBody),
  },
  { additionalProperties: false },
);
export type CreateTicketInput = Static<typeof CreateTicketBody>;

export const AssignBody = Type.Object(
  {
    agentId: Nullable(Type.String({ minLength: 1, maxLength: 128, description: 'Agent ID; null unassigns.' })),
    ...ChangeMeta,
  },
  { additionalProperties: false },
);
export type AssignInput = Static<typeof AssignBody>;

export const StatusBody = Type.Object(
  {
    status: StringEnum(STATUS_INPUTS, { description: 'A status name, or the alias `closed` / `pending`.' }),
    pendingUntil: Type.Optional(Nullable({ ...DateTime, description: 'Required for pending statuses.' })),
    ...ChangeMeta,
  },
  { additionalProperties: false },
);
export type StatusInput = Static<typeof StatusBody>;

export const ReopenBody = Type.Object({ ...ChangeMeta }, { additionalProperties: false });
export type ReopenInput = Static<typeof ReopenBody>;

export const ListTicketsQuery = Type.Object(
  {
    status: Type.Optional(Type.String({ description: 'Status names or aliases, comma-separated.', examples: ['open,pending'] })),
    statusType: Type.Optional(Type.String({ description: 'Status types, comma-separated: new, open, pending, closed, merged, removed.' })),
    assignee: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    queue: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    priority: Type.Optional(Type.String({ description: '1..5 or an OTRS priority name.' })),
    customerUserId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type ListTicketsInput = Static<typeof ListTicketsQuery>;

export const HistoryQuery = Type.Object(
  { limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) },
  { additionalProperties: false },
);
export type HistoryInput = Static<typeof HistoryQuery>;
