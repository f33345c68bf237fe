import { PRIORITY_NAMES, STATUS_INPUTS, TICKET_DEFAULTS, type PriorityName } from '@gotrs/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { Actor, ChangeMeta, Cursor, DateTime, Limit, NonBlankText, Nullable, StringEnum, Text } from './common';
import { Model, RefTo } from './model';
import { STATUS_TYPES } from './ticket';
import { SlaOverride } from './sla-requests';

/**
 * A priority as a request gives it: 1..5 or an OTRS name. `oneOf` of an integer and a string enum,
 * named, and without a `default` (a union default does not compile in openapi-generator's Go
 * client): the create applies 3 itself.
 */
export const Priority = Model<number | PriorityName>('Priority', {
  oneOf: [
    { type: 'integer', minimum: 1, maximum: 5 },
    { type: 'string', enum: [...PRIORITY_NAMES] },
  ],
  description: `1..5 or an OTRS priority name (${PRIORITY_NAMES.join(', ')}); 3 when left out.`,
});

export const CreateTicketRequest = Type.Object(
  {
    title: NonBlankText({ maxLength: 255, description: 'Required, not blank.' }),
    description: Type.Optional(Nullable(Text({ maxLength: 100_000 }))),
    priority: Type.Optional(RefTo(Priority)),
    queue: Type.Optional(Text({ minLength: 1, maxLength: 200, default: TICKET_DEFAULTS.queue })),
    customerUserId: Type.Optional(Nullable(Text({ minLength: 1, maxLength: 200 }))),
    actor: Type.Optional(Actor),
    sla: Type.Optional(RefTo(SlaOverride)),
  },
  { $id: 'CreateTicketRequest', title: 'CreateTicketRequest', additionalProperties: false },
);
export type CreateTicketInput = Static<typeof CreateTicketRequest>;

export const AssignTicketRequest = Type.Object(
  {
    agentId: Nullable(Text({ minLength: 1, maxLength: 128, description: 'Agent ID; null unassigns.' })),
    ...ChangeMeta,
  },
  { $id: 'AssignTicketRequest', title: 'AssignTicketRequest', additionalProperties: false },
);
export type AssignInput = Static<typeof AssignTicketRequest>;

const StatusInput = StringEnum(STATUS_INPUTS, { description: 'A status name, or the alias `closed` / `pending`.' });

export const ChangeTicketStatusRequest = Type.Object(
  {
    status: StatusInput,
    pendingUntil: Type.Optional(Nullable({ ...DateTime, description: 'Required for pending statuses.' })),
    ...ChangeMeta,
  },
  { $id: 'ChangeTicketStatusRequest', title: 'ChangeTicketStatusRequest', additionalProperties: false },
);
export type StatusInput = Static<typeof ChangeTicketStatusRequest>;

export const ReopenTicketRequest = Type.Object(
  { ...ChangeMeta },
  { $id: 'ReopenTicketRequest', title: 'ReopenTicketRequest', additionalProperties: false },
);
export type ReopenInput = Static<typeof ReopenTicketRequest>;

/** A list filter of enum values: `status=open&status=new`, or comma-separated, `status=open,new`. */
const EnumList = <const T extends readonly string[]>(values: T, description: string) =>
  Type.Array(StringEnum(values), { minItems: 1, maxItems: 50, description: `${description} Repeat the parameter or separate values by commas.` });

export const ListTicketsQuery = Type.Object(
  {
    status: Type.Optional(EnumList(STATUS_INPUTS, 'Status names or aliases.')),
    statusType: Type.Optional(EnumList(STATUS_TYPES, 'Status types.')),
    assignee: Type.Optional(Text({ minLength: 1, maxLength: 128 })),
    queue: Type.Optional(Text({ minLength: 1, maxLength: 200 })),
    priority: Type.Optional(
      StringEnum(['1', '2', '3', '4', '5', ...PRIORITY_NAMES] as const, { description: '1..5 or an OTRS priority name.' }),
    ),
    customerUserId: Type.Optional(Text({ minLength: 1, maxLength: 200 })),
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

/** The ticket request models, registered with `addSchema` (they become OpenAPI components). */
export const TICKET_REQUEST_MODELS = [Priority, CreateTicketRequest, AssignTicketRequest, ChangeTicketStatusRequest, ReopenTicketRequest];
