import { Type, type Static } from '@sinclair/typebox';
import { DAY_MS, boundedDurationMs } from './duration';
import { ConfigError } from './errors';
import { readSecretVariable } from './secret-variable';

type Env = Record<string, string | undefined>;

const Duration = Type.Union([Type.String(), Type.Number({ minimum: 0 })]);

/** The `webhooks:` section of config/temporal.yaml (README "Webhooks"). */
export const WebhooksFileSchema = Type.Object(
  {
    allow_private_targets: Type.Optional(Type.Boolean()),
    max_subscriptions: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    connect_timeout: Type.Optional(Duration),
    response_timeout: Type.Optional(Duration),
    max_response_bytes: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_048_576 })),
    retry: Type.Optional(
      Type.Object(
        {
          initial_interval: Type.Optional(Duration),
          backoff_coefficient: Type.Optional(Type.Number({ minimum: 1, maximum: 10 })),
          maximum_interval: Type.Optional(Duration),
          retry_for: Type.Optional(Duration),
        },
        { additionalProperties: false },
      ),
    ),
    disable_after: Type.Optional(Duration),
    secret_rotation_grace: Type.Optional(Duration),
    batch_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    wait_for_events: Type.Optional(Duration),
  },
  { additionalProperties: false },
);

export type WebhooksFile = Static<typeof WebhooksFileSchema>;

/** How webhooks are delivered: the dispatcher's retry schedule, SSRF rule, HTTP bounds. */
export interface WebhookSettings {
  /** Loopback, private, link-local and metadata targets allowed (true under `make dev` and in tests only). */
  allowPrivateTargets: boolean;
  /** Subscriptions at most (deleted ones do not count); past it 409 `webhook_limit_reached`. */
  maxSubscriptions: number;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  maxResponseBytes: number;
  /** The backoff between attempts of one event, and how long an event is retried before it is given up. */
  retry: { initialIntervalMs: number; backoffCoefficient: number; maximumIntervalMs: number; retryForMs: number };
  /** A subscription whose deliveries have all failed for this long is disabled (event `webhook.disabled`). */
  disableAfterMs: number;
  /** After a rotation the old secret signs too (a second signature) for this long. */
  secretRotationGraceMs: number;
  /** Events read per batch. */
  batchSize: number;
  /** How long an idle dispatcher waits for a wake-up (the worker's LISTEN on the event log) before it looks again. */
  waitForEventsMs: number;
  /** WEBHOOKS_SECRET_KEY: base64 of 32 bytes that encrypt the signing secrets at rest; null: stored unencrypted. */
  secretKey: Buffer | null;
}

export const WEBHOOKS_DEFAULTS = {
  allow_private_targets: false,
  max_subscriptions: 100,
  connect_timeout: '5s',
  response_timeout: '15s',
  max_response_bytes: 65_536,
  retry: { initial_interval: '5s', backoff_coefficient: 2, maximum_interval: '1h', retry_for: '24h' },
  disable_after: '5d',
  secret_rotation_grace: '24h',
  batch_size: 50,
  wait_for_events: '60s',
} as const;

const duration = (problems: string[], setting: string, value: string | number, min: number, max: number) =>
  boundedDurationMs(problems, 'webhooks', setting, value, min, max);

function flag(problems: string[], name: string, raw: string | undefined, fileValue: boolean): boolean {
  if (raw === undefined || raw === '') return fileValue;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  problems.push(`${name}: ${JSON.stringify(raw)} is not true or false`);
  return fileValue;
}

function secretKey(problems: string[], env: Env): Buffer | null {
  const raw = readSecretVariable(env, 'WEBHOOKS_SECRET_KEY');
  if (raw === undefined || raw === '') return null;
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32 || key.toString('base64') !== raw.replace(/\s+$/, '')) {
    problems.push('WEBHOOKS_SECRET_KEY: must be the base64 of 32 random bytes (openssl rand -base64 32)');
    return null;
  }
  return key;
}

/**
 * The `webhooks:` settings with their defaults and variables: WEBHOOKS_ALLOW_PRIVATE_TARGETS
 * (true/false) and WEBHOOKS_SECRET_KEY (or WEBHOOKS_SECRET_KEY_FILE). Every problem is reported at once.
 */
export function loadWebhookSettings(file: WebhooksFile | undefined, env: Env): WebhookSettings {
  const f = { ...WEBHOOKS_DEFAULTS, ...file };
  const r = { ...WEBHOOKS_DEFAULTS.retry, ...file?.retry };
  const problems: string[] = [];
  const settings: WebhookSettings = {
    allowPrivateTargets: flag(problems, 'WEBHOOKS_ALLOW_PRIVATE_TARGETS', env.WEBHOOKS_ALLOW_PRIVATE_TARGETS, f.allow_private_targets),
    maxSubscriptions: f.max_subscriptions,
    connectTimeoutMs: duration(problems, 'connect_timeout', f.connect_timeout, 100, 60_000),
    responseTimeoutMs: duration(problems, 'response_timeout', f.response_timeout, 100, 120_000),
    maxResponseBytes: f.max_response_bytes,
    retry: {
      initialIntervalMs: duration(problems, 'retry.initial_interval', r.initial_interval, 10, DAY_MS),
      backoffCoefficient: r.backoff_coefficient,
      maximumIntervalMs: duration(problems, 'retry.maximum_interval', r.maximum_interval, 10, DAY_MS),
      retryForMs: duration(problems, 'retry.retry_for', r.retry_for, 0, 30 * DAY_MS),
    },
    disableAfterMs: duration(problems, 'disable_after', f.disable_after, 1000, 365 * DAY_MS),
    secretRotationGraceMs: duration(problems, 'secret_rotation_grace', f.secret_rotation_grace, 0, 30 * DAY_MS),
    batchSize: f.batch_size,
    waitForEventsMs: duration(problems, 'wait_for_events', f.wait_for_events, 100, 3_600_000),
    secretKey: secretKey(problems, env),
  };
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return settings;
}
