import type { SlaSettings, WorkflowSettings } from '@gotrs/contracts';
import type { NotificationSettings } from './notifications';
import type { LOG_LEVELS } from './schema';
import type { TemporalConnection } from './temporal-connection';

/** A pino level (config `log.level`, LOG_LEVEL). */
export type LogLevel = (typeof LOG_LEVELS)[number];
import type { AuthSettings } from './auth';
import type { RateLimitSettings } from './api-security';
import type { OperationsSettings } from './operations';
import type { EventsSettings } from './events';
import type { WebhookSettings } from './webhooks';
import type { TracingSettings } from './tracing';

export type { RetrySettings, WorkflowSettings } from '@gotrs/contracts';

/** Where and how to reach Temporal, and what the API and the worker do there. */
export interface TemporalSettings extends TemporalConnection {
  address: string;
  namespace: string;
  taskQueue: string;
  callTimeoutMs: number;
  /** `maxCachedWorkflows`: the bound of the worker's sticky cache (0: none cached). */
  worker: { maxConcurrentActivities: number; maxConcurrentWorkflows: number; maxCachedWorkflows: number };
}

/** The validated configuration of the API and the worker. */
export interface AppConfig {
  temporal: TemporalSettings;
  workflows: WorkflowSettings;
  database: { url: string; poolSize: number; connectTimeoutMs: number; statementTimeoutMs: number };
  api: {
    host: string;
    port: number;
    createWaitMs: number;
    retryAfterSeconds: number;
    /** Browser origins allowed to call the API (CORS), as browsers send them; empty: none. */
    corsOrigins: string[];
    rateLimit: RateLimitSettings;
  };
  log: { level: LogLevel };
  /** SLA policies, calendars and ladders (config/sla.yaml). */
  sla: SlaSettings;
  /** SMTP, ticket links and the people directory (config/notifications.yaml). */
  notifications: NotificationSettings;
  /** How the API verifies tokens (config/temporal.yaml `auth:` and AUTH_* variables). */
  auth: AuthSettings;
  /** Metrics, health and shutdown (config/temporal.yaml `operations:`, API_METRICS_PORT, WORKER_*). */
  operations: OperationsSettings;
  /** The event log's retention and the event stream (config/temporal.yaml `events:`). */
  events: EventsSettings;
  /** Outgoing webhooks (config/temporal.yaml `webhooks:`, WEBHOOKS_* variables). */
  webhooks: WebhookSettings;
  /** OpenTelemetry tracing (the standard OTEL_* variables); off unless an OTLP endpoint is set. */
  tracing: TracingSettings;
  /** The file the configuration came from. */
  source: string;
}
