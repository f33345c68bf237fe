import { Type, type Static } from '@sinclair/typebox';
import { Actor, NonBlankText, Nullable, StringEnum, TicketId } from './common';

export const EscalateTicketRequest = Type.Object(
  {
    reason: NonBlankText({ maxLength: 2000, description: 'Why; recorded in the history of every level it fires.' }),
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
  { $id: 'EscalateTicketRequest', title: 'EscalateTicketRequest', additionalProperties: false },
);
export type EscalateInput = Static<typeof EscalateTicketRequest>;

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

/** The escalation request models, registered with `addSchema`. */
export const ESCALATION_REQUEST_MODELS = [EscalateTicketRequest];
