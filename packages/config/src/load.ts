import { accessSync, constants } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseDurationMs } from './duration';
import { ConfigError } from './errors';
import { readYamlFile } from './yaml-file';
import { loadSlaSettings } from './sla-load';
import { loadNotificationSettings } from './notifications';
import { ConfigFileSchema, hostPortRule, hostRule, logLevelRule, nameRule, postgresUrlRule, type ConfigFile, type SettingRule } from './schema';
import type { AppConfig, LogLevel } from './types';
import { envLayer, profileLayer, yamlLayer } from './temporal-layers';
import { mergeLayers, resolveTemporalConnection } from './temporal-connection';
import { loadAuthSettings } from './auth';
import { corsOriginsRule, loadRateLimitSettings, parseCorsOrigins } from './api-security';
import { loadOperationsSettings } from './operations';
import { loadEventsSettings } from './events';
import { loadWebhookSettings } from './webhooks';
import { loadTracingSettings } from './tracing';

/** config/temporal.yaml at the repository root (this file lives in packages/config/{src,dist}). */
export const DEFAULT_CONFIG_FILE = resolve(__dirname, '../../../config/temporal.yaml');

export { ConfigError };

type Env = Record<string, string | undefined>;

/**
 * The settings of config/temporal.yaml that an environment variable may replace. Each value, from the
 * file or from the variable, must follow the same rule; a problem names where the value came from.
 */
class Overrides {
  readonly problems: string[] = [];

  constructor(
    private readonly env: Env,
    private readonly source: string,
  ) {}

  private given(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value === '' ? undefined : value;
  }

  private check(name: string, setting: string, value: string, rule: SettingRule): void {
    const problem = rule(value);
    if (problem) this.problems.push(this.given(name) === undefined ? `${setting}: ${problem}` : `${name}: ${problem}`);
  }

  /**
   * The variable `name` when set, else the file's `setting`; checked against `rule` either way.
   * `from` names the file's value when it came from elsewhere (a Temporal profile).
   */
  text(name: string, setting: string, fileValue: string, rule: SettingRule, from?: { value: string; label: string }): string {
    const value = this.given(name) ?? from?.value ?? fileValue;
    this.check(name, from?.label ?? `${setting} (${this.source})`, value, rule);
    return value;
  }

  /** A port number (0 lets the OS pick one) from `name`, else the file's (checked by its schema). */
  port(name: string, fileValue: number): number {
    const raw = this.given(name);
    if (raw === undefined) return fileValue;
    const value = Number(raw);
    if (!/^\d{1,5}$/.test(raw) || value > 65535) this.problems.push(`${name}: ${JSON.stringify(raw)} is not a port number (0-65535)`);
    return value;
  }

  /** A configuration file: the variable `name`, else `fallback`; a file it names that cannot be read names it. */
  file<T>(name: string, fallback: string, read: (path: string) => T): T {
    const path = this.given(name);
    if (path === undefined) return read(fallback);
    try {
      accessSync(path, constants.R_OK);
    } catch (error) {
      throw new ConfigError(`${name}: cannot read ${path}: ${(error as Error).message}`);
    }
    return read(path);
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${this.problems.join('\n  ')}`);
  }
}

function ms(value: string | number, setting: string): number {
  try {
    return parseDurationMs(value);
  } catch (error) {
    throw new ConfigError(`${setting}: ${(error as Error).message}`);
  }
}

/**
 * Loads config/temporal.yaml (or CONFIG_FILE) and applies the environment overrides:
 * TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE, DATABASE_URL, API_HOST, API_PORT, API_CORS_ORIGINS, LOG_LEVEL,
 * and SLA_CONFIG_FILE (config/sla.yaml next to the main file by default).
 * Connection to Temporal: TEMPORAL_TLS, TEMPORAL_TLS_*, TEMPORAL_API_KEY(_FILE), TEMPORAL_GRPC_META_*, and a
 * Temporal profile (TEMPORAL_CONFIG_FILE, TEMPORAL_PROFILE), read with `@temporalio/envconfig`.
 * Notifications: NOTIFICATIONS_CONFIG_FILE (config/notifications.yaml next to it), SMTP_HOST, SMTP_PORT,
 * SMTP_USER, SMTP_PASSWORD, PUBLIC_BASE_URL.
 * Operations: API_METRICS_PORT, API_SHUTDOWN_TIMEOUT, WORKER_METRICS_HOST, WORKER_METRICS_PORT,
 * WORKER_SHUTDOWN_TIMEOUT, WORKER_CONNECT_TIMEOUT (operations.ts).
 * Webhooks: WEBHOOKS_ALLOW_PRIVATE_TARGETS, WEBHOOKS_SECRET_KEY(_FILE) (webhooks.ts).
 * An override is checked like the file's value it replaces; every problem is reported at once, naming
 * the variable (or the setting). The only place in the product that reads the environment.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const source = env.CONFIG_FILE || DEFAULT_CONFIG_FILE;
  const overrides = new Overrides(env, source);
  const file = overrides.file('CONFIG_FILE', source, (path): ConfigFile => readYamlFile(path, ConfigFileSchema));
  const t = file.temporal;
  // TLS and API key: config/temporal.yaml, then a Temporal profile, then the environment (envconfig's names).
  const profile = profileLayer(env);
  const connection = resolveTemporalConnection(mergeLayers([yamlLayer(t, source, overrides.problems), profile, envLayer(env, overrides.problems)]), overrides.problems);
  const temporal = {
    address: overrides.text('TEMPORAL_ADDRESS', 'temporal.host', t.host, hostPortRule, profile.address),
    namespace: overrides.text('TEMPORAL_NAMESPACE', 'temporal.namespace', t.namespace, nameRule, profile.namespace),
    taskQueue: overrides.text('TEMPORAL_TASK_QUEUE', 'temporal.task_queue', t.task_queue, nameRule),
  };
  const databaseUrl = overrides.text('DATABASE_URL', 'database.url', file.database.url, postgresUrlRule);
  const api = {
    host: overrides.text('API_HOST', 'api.host', file.api.host, hostRule),
    port: overrides.port('API_PORT', file.api.port),
    corsOrigins: overrides.text('API_CORS_ORIGINS', 'api.cors_origins', (file.api.cors_origins ?? []).join(','), corsOriginsRule),
  };
  const logLevel = overrides.text('LOG_LEVEL', 'log.level', file.log.level, logLevelRule) as LogLevel;
  overrides.throwIfAny();
  const config: AppConfig = {
    temporal: {
      ...temporal,
      ...connection,
      callTimeoutMs: ms(t.call_timeout, 'temporal.call_timeout'),
      worker: {
        maxConcurrentActivities: t.worker.max_concurrent_activities,
        maxConcurrentWorkflows: t.worker.max_concurrent_workflows,
        maxCachedWorkflows: t.worker.max_cached_workflows,
      },
    },
    workflows: {
      retryPolicy: {
        initialIntervalMs: ms(t.retry_policy.initial_interval, 'temporal.retry_policy.initial_interval'),
        backoffCoefficient: t.retry_policy.backoff_coefficient,
        maximumIntervalMs: ms(t.retry_policy.maximum_interval, 'temporal.retry_policy.maximum_interval'),
        maximumAttempts: t.retry_policy.maximum_attempts,
      },
      startToCloseTimeoutMs: ms(t.activities.start_to_close_timeout, 'temporal.activities.start_to_close_timeout'),
      persistenceMaximumAttempts: t.activities.persistence_maximum_attempts,
      continueAsNewAfterEvents: t.lifecycle.continue_as_new_after_events,
    },
    database: {
      url: databaseUrl,
      poolSize: file.database.pool_size,
      connectTimeoutMs: ms(file.database.connect_timeout, 'database.connect_timeout'),
      statementTimeoutMs: ms(file.database.statement_timeout, 'database.statement_timeout'),
    },
    api: {
      ...api,
      corsOrigins: parseCorsOrigins(api.corsOrigins),
      rateLimit: loadRateLimitSettings(file.api.rate_limit),
      createWaitMs: ms(file.api.create_wait, 'api.create_wait'),
      retryAfterSeconds: file.api.retry_after_seconds,
    },
    log: { level: logLevel },
    sla: overrides.file('SLA_CONFIG_FILE', resolve(dirname(source), 'sla.yaml'), loadSlaSettings),
    notifications: overrides.file('NOTIFICATIONS_CONFIG_FILE', resolve(dirname(source), 'notifications.yaml'), (path) =>
      loadNotificationSettings(path, env),
    ),
    auth: loadAuthSettings(file.auth, env),
    operations: loadOperationsSettings(file.operations, env, hostRule),
    events: loadEventsSettings(file.events),
    webhooks: loadWebhookSettings(file.webhooks, env),
    tracing: loadTracingSettings(env),
    source,
  };
  return config;
}
