import { Type, type Static } from '@sinclair/typebox';

const Duration = Type.Union([Type.String(), Type.Number({ minimum: 0 })]);

/** Hours in which a person may be emailed, as an SLA calendar is written (config/sla.yaml). */
const NotifyHours = Type.Object(
  {
    timezone: Type.String({ minLength: 1 }),
    week: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String()))),
    holidays: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);

const Person = Type.Object(
  {
    email: Type.Optional(Type.String({ minLength: 3 })),
    name: Type.Optional(Type.String({ minLength: 1 })),
    notify_hours: Type.Optional(NotifyHours),
  },
  { additionalProperties: false },
);

const People = Type.Optional(Type.Record(Type.String({ minLength: 1 }), Person));

/** The shape of config/notifications.yaml. */
export const NotificationsFileSchema = Type.Object(
  {
    smtp: Type.Object(
      {
        host: Type.String({ minLength: 1 }),
        port: Type.Integer({ minimum: 1, maximum: 65535 }),
        secure: Type.Boolean(),
        auth: Type.Optional(
          Type.Union([Type.Null(), Type.Object({ user: Type.String({ minLength: 1 }), pass: Type.String() }, { additionalProperties: false })]),
        ),
        from: Type.String({ minLength: 3 }),
        connection_timeout: Duration,
        socket_timeout: Duration,
        max_connections: Type.Integer({ minimum: 1, maximum: 100 }),
      },
      { additionalProperties: false },
    ),
    public_base_url: Type.String({ minLength: 1 }),
    message_id_domain: Type.Optional(Type.String({ minLength: 1 })),
    directory: Type.Object(
      { agents: People, managers: People, customers: People },
      { additionalProperties: false },
    ),
    default_managers: Type.Array(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);

export type NotificationsFile = Static<typeof NotificationsFileSchema>;
