import { Type, type Static } from '@sinclair/typebox';
import { Actor, Nullable, StringEnum, TicketId } from './common';

export const EscalateBody = Type.Object(
  {
    reason: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S', description: 'Why; recorded in the history of every level it fires.' }),
    level: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100,
        description:
          'Jump to this level of the ladder (lower levels not fired yet are skipped). Without it: the next level of a running ' +
          "ladder, or, for a new one, the first level above the ticket's escalationLevel.",
      }),
    ),
    actor: Type.Optional(Actor),
  },
  { additionalProperties: false },
);
export type EscalateInput = Static<typeof EscalateBody>;

export const EscalationAcceptedSchema = Type.Object(
  {
    ticketId: TicketId,
    workflowId: Type.String({ description: 'The ladder\'s workflow: `escalation-{ticketId}-{trigger}` (`:` written as `-`).' }),
    trigger: Type.String({
      description: 'What started the ladder: `manual:{n}` (the n-th started by hand), `sla:{Milestone}:{cycle}` (an SLA breach), `go`.',
    }),
    action: StringEnum(['started', 'advanced'] as const, {
      description: '`started`: a new ladder; `advanced`: the running ladder was signalled `advance`.',
    }),
    level: Nullable(Type.Integer({ minimum: 1, description: 'The level asked for (a new ladder: the level it starts at).' })),
    reason: Type.String(),
  },
  { title: 'EscalationAccepted', additionalProperties: false },
);
export type EscalationAccepted = Static<typeof EscalationAcceptedSchema>;
