import { Type, type Static } from '@sinclair/typebox';
import { AuthFileSchema } from './auth';

const Duration = Type.Union([Type.String(), Type.Number({ minimum: 0 })]);
const Port = Type.Integer({ minimum: 0, maximum: 65535 });

/** The shape of config/temporal.yaml (snake_case as in the seed). */
export const ConfigFileSchema = Type.Object({
  temporal: Type.Object({
    host: Type.String({ minLength: 1 }),
    namespace: Type.String({ minLength: 1 }),
    task_queue: Type.String({ minLength: 1 }),
    call_timeout: Duration,
    worker: Type.Object({
      max_concurrent_activities: Type.Integer({ minimum: 1 }),
      max_concurrent_workflows: Type.Integer({ minimum: 1 }),
    }),
    retry_policy: Type.Object({
      initial_interval: Duration,
      backoff_coefficient: Type.Number({ minimum: 1 }),
      maximum_interval: Duration,
      maximum_attempts: Type.Integer({ minimum: 0 }),
    }),
    activities: Type.Object({
      start_to_close_timeout: Duration,
      persistence_maximum_attempts: Type.Integer({ minimum: 0 }),
    }),
    lifecycle: Type.Object({
      continue_as_new_after_events: Type.Integer({ minimum: 100 }),
    }),
  }),
  database: Type.Object({
    url: Type.String({ minLength: 1 }),
    pool_size: Type.Integer({ minimum: 1 }),
    connect_timeout: Duration,
    statement_timeout: Duration,
  }),
  api: Type.Object({
    host: Type.String({ minLength: 1 }),
    port: Port,
    create_wait: Duration,
    retry_after_seconds: Type.Integer({ minimum: 1 }),
  }),
  log: Type.Object({
    level: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l))),
  }),
  auth: Type.Optional(AuthFileSchema),
});

export type ConfigFile = Static<typeof ConfigFileSchema>;
