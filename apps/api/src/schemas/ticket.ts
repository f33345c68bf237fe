import { PRIORITY_NAMES, TICKET_ACTIONS, TICKET_STATUSES } from '@gotrs/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { NullableActor } from './actor';
import { DateTime, Nullable, StringEnum, TicketId } from './common';

export const STATUS_TYPES = ['new', 'open', 'pending', 'closed', 'merged', 'removed'] as const;

export const TicketStatusSchema = StringEnum(TICKET_STATUSES, { description: 'GOTRS/OTRS state name.' });

export const PrioritySchema = Type.Integer({ minimum: 1, maximum: 5, description: `1..5 (${PRIORITY_NAMES.join(', ')})` });

/** A ticket as the API answers it. */
export const TicketSchema = Type.Object(
  {
    id: TicketId,
    number: Nullable(
      Type.String({ description: 'OTRS-style ticket number; null while the ticket is accepted but its row is not written yet.' }),
    ),
    title: Type.String(),
    description: Nullable(Type.String()),
    status: TicketStatusSchema,
    statusType: StringEnum(STATUS_TYPES),
    priority: PrioritySchema,
    queue: Type.String(),
    customerUserId: Nullable(Type.String()),
    assignee: Nullable(Type.String({ description: 'Agent ID, or null when unassigned.' })),
    pendingUntil: Nullable(DateTime),
    escalationLevel: Type.Integer({ minimum: 0 }),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { $id: 'Ticket', title: 'Ticket', additionalProperties: false },
);

export type ApiTicket = Static<typeof TicketSchema>;

export const TicketPageSchema = Type.Object(
  {
    items: Type.Array(Type.Unsafe<ApiTicket>(Type.Ref('Ticket'))),
    nextCursor: Nullable(Type.String({ description: 'Pass as `cursor` for the next page; null on the last page.' })),
  },
  { $id: 'TicketPage', title: 'TicketPage' },
);

/** One entry of a ticket's history. */
export const TicketEventSchema = Type.Object(
  {
    id: Type.String({ description: 'Sequence number, increasing in the order the workflow applied the changes.' }),
    ticketId: TicketId,
    action: StringEnum(TICKET_ACTIONS),
    field: Nullable(Type.String()),
    from: Nullable(Type.String()),
    to: Nullable(Type.String()),
    actor: Type.String({
      description:
        "Who: a person's email (from their token), `api-key:{name}`, the person an `actor:impersonate` key acted for, a " +
        "Temporal caller's name (`temporal-signal` by default), or `system`, `sla`, `escalation`.",
    }),
    actorIdentity: NullableActor('Who, and how they authenticated; null for entries recorded before the gateway recorded it.'),
    reason: Nullable(Type.String()),
    source: StringEnum(['api', 'signal', 'system'] as const),
    accepted: Type.Boolean({ description: 'False for a change that was refused (recorded, not applied).' }),
    occurredAt: DateTime,
  },
  { $id: 'TicketEvent', title: 'TicketEvent', additionalProperties: false },
);

export const HistoryPageSchema = Type.Object(
  {
    items: Type.Array(Type.Unsafe<Static<typeof TicketEventSchema>>(Type.Ref('TicketEvent'))),
    nextCursor: Nullable(Type.String()),
  },
  { $id: 'HistoryPage', title: 'HistoryPage' },
);

/** The shared response models, registered with `addSchema` and referenced by `$ref`. */
export const TICKET_MODELS = [TicketSchema, TicketPageSchema, TicketEventSchema, HistoryPageSchema];
