import { Type, type Static } from '@sinclair/typebox';
import { MIN_CONTINUE_AS_NEW_AFTER_EVENTS } from '@gotrs/contracts';
import { TemporalConnectionSchema } from './temporal-connection-schema';

/** pino's levels, the values of `log.level` and LOG_LEVEL. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
import { AuthFileSchema } from './auth';
import { CorsOriginsFileSchema, RateLimitFileSchema } from './api-security';
import { OperationsFileSchema } from './operations';
import { EventsFileSchema } from './events';
import { WebhooksFileSchema } from './webhooks';

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
      max_cached_workflows: Type.Integer({ minimum: 0 }),
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
      continue_as_new_after_events: Type.Integer({ minimum: MIN_CONTINUE_AS_NEW_AFTER_EVENTS }),
    }),
    ...TemporalConnectionSchema,
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
    cors_origins: Type.Optional(CorsOriginsFileSchema),
    rate_limit: Type.Optional(RateLimitFileSchema),
  }),
  log: Type.Object({
    level: Type.Union(LOG_LEVELS.map((l) => Type.Literal(l))),
  }),
  auth: Type.Optional(AuthFileSchema),
  operations: Type.Optional(OperationsFileSchema),
  events: Type.Optional(EventsFileSchema),
  webhooks: Type.Optional(WebhooksFileSchema),
});

export type ConfigFile = Static<typeof ConfigFileSchema>;

/** A rule a setting's value must follow, whether it comes from the file or the environment: a problem, or undefined. */
export type SettingRule = (value: string) => string | undefined;

const quoted = (value: string): string => JSON.stringify(value);

/** A Temporal namespace or task queue name: no whitespace or control characters, at most 255 characters. */
export const nameRule: SettingRule = (value) =>
  /^[^\s\p{Cc}]{1,255}$/u.test(value) ? undefined : `${quoted(value)} is not a name (1 to 255 characters, no spaces or control characters)`;

/** A host name or IP address to listen on. */
export const hostRule: SettingRule = (value) => (/^[^\s\p{Cc}/]{1,253}$/u.test(value) ? undefined : `${quoted(value)} is not a host name or IP address`);

function portProblem(text: string): string | undefined {
  const port = Number(text);
  return /^\d{1,5}$/.test(text) && port >= 1 && port <= 65535 ? undefined : 'the port must be 1-65535';
}

/** A gRPC address, `host:port` (`[::1]:7233` for IPv6), as Temporal clients take it. */
export const hostPortRule: SettingRule = (value) => {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[^\s\p{Cc}:/[\]]+):([^:]*)$/u.exec(value);
  const problem = match ? portProblem(match[2]!) : 'expected host:port, e.g. 127.0.0.1:7233';
  return problem && `${quoted(value)} is not a host:port address (${problem})`;
};

/** A PostgreSQL connection URL (postgres:// or postgresql://). */
export const postgresUrlRule: SettingRule = (value) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL; expected postgres://user[:password]@host[:port]/database';
  }
  return url.protocol === 'postgres:' || url.protocol === 'postgresql:' ? undefined : `is a ${url.protocol} URL; expected postgres://user[:password]@host[:port]/database`;
};

/** One of {@link LOG_LEVELS}. */
export const logLevelRule: SettingRule = (value) =>
  (LOG_LEVELS as readonly string[]).includes(value) ? undefined : `${quoted(value)} is not a log level (${LOG_LEVELS.join(', ')})`;
