import { Type, type Static } from '@sinclair/typebox';

const Milestone = Type.Union([Type.Literal('FirstResponse'), Type.Literal('Resolution'), Type.Literal('Update')]);
const Duration = Type.String({ minLength: 2 });

const Calendar = Type.Object(
  {
    timezone: Type.String({ minLength: 1 }),
    always_open: Type.Optional(Type.Boolean()),
    week: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String()))),
    holidays: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);

const Rung = Type.Object(
  {
    level: Type.Integer({ minimum: 1 }),
    wait: Duration,
    condition: Type.Union([Type.Literal('unanswered'), Type.Literal('unresolved'), Type.Literal('open')]),
    assign_queue: Type.Optional(Type.String({ minLength: 1 })),
    assign_agent: Type.Optional(Type.String({ minLength: 1 })),
    raise_priority_to: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    notify: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  },
  { additionalProperties: false },
);

const Policy = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    calendar: Type.String({ minLength: 1 }),
    targets: Type.Partial(Type.Record(Milestone, Duration)),
    pause_on: Type.Optional(Type.Partial(Type.Record(Milestone, Type.Array(Type.String())))),
    warn: Type.Optional(
      Type.Object({ percent: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })), lead: Type.Optional(Duration) }, { additionalProperties: false }),
    ),
    managers: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    escalation: Type.Optional(Type.Array(Rung)),
  },
  { additionalProperties: false },
);

/** The shape of config/sla.yaml. */
export const SlaFileSchema = Type.Object(
  {
    calendars: Type.Optional(Type.Record(Type.String(), Calendar)),
    policies: Type.Record(Type.String(), Policy, { minProperties: 1 }),
    rules: Type.Optional(
      Type.Array(
        Type.Object(
          {
            policy: Type.String(),
            priorities: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 5 }))),
            queues: Type.Optional(Type.Array(Type.String())),
          },
          { additionalProperties: false },
        ),
      ),
    ),
    default_policy: Type.String(),
  },
  { additionalProperties: false },
);

export type SlaFile = Static<typeof SlaFileSchema>;
