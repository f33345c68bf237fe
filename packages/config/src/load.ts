import { dirname, resolve } from 'node:path';
import { parseDurationMs } from './duration';
import { ConfigError } from './errors';
import { readYamlFile } from './yaml-file';
import { loadSlaSettings } from './sla-load';
import { loadNotificationSettings } from './notifications';
import { loadAuthSettings } from './auth';
import { ConfigFileSchema, type ConfigFile } from './schema';
import type { AppConfig } from './types';

/** config/temporal.yaml at the repository root (this file lives in packages/config/{src,dist}). */
export const DEFAULT_CONFIG_FILE = resolve(__dirname, '../../../config/temporal.yaml');

export { ConfigError };

type Env = Record<string, string | undefined>;

function readFile(path: string): ConfigFile {
  return readYamlFile(path, ConfigFileSchema);
}

function port(env: Env, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new ConfigError(`${name} must be a port number, got "${value}"`);
  return parsed;
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
 * TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE, DATABASE_URL, API_HOST, API_PORT, LOG_LEVEL,
 * and SLA_CONFIG_FILE (config/sla.yaml next to the main file by default).
 * Notifications: NOTIFICATIONS_CONFIG_FILE (config/notifications.yaml next to it), SMTP_HOST, SMTP_PORT,
 * SMTP_USER, SMTP_PASSWORD, PUBLIC_BASE_URL.
 * The only place in the product that reads the environment.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const source = env.CONFIG_FILE || DEFAULT_CONFIG_FILE;
  const file = readFile(source);
  const t = file.temporal;
  const config: AppConfig = {
    temporal: {
      address: env.TEMPORAL_ADDRESS || t.host,
      namespace: env.TEMPORAL_NAMESPACE || t.namespace,
      taskQueue: env.TEMPORAL_TASK_QUEUE || t.task_queue,
      callTimeoutMs: ms(t.call_timeout, 'temporal.call_timeout'),
      worker: {
        maxConcurrentActivities: t.worker.max_concurrent_activities,
        maxConcurrentWorkflows: t.worker.max_concurrent_workflows,
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
      url: env.DATABASE_URL || file.database.url,
      poolSize: file.database.pool_size,
      connectTimeoutMs: ms(file.database.connect_timeout, 'database.connect_timeout'),
      statementTimeoutMs: ms(file.database.statement_timeout, 'database.statement_timeout'),
    },
    api: {
      host: env.API_HOST || file.api.host,
      port: port(env, 'API_PORT', file.api.port),
      createWaitMs: ms(file.api.create_wait, 'api.create_wait'),
      retryAfterSeconds: file.api.retry_after_seconds,
    },
    log: { level: env.LOG_LEVEL || file.log.level },
    sla: loadSlaSettings(env.SLA_CONFIG_FILE || resolve(dirname(source), 'sla.yaml')),
    notifications: loadNotificationSettings(env.NOTIFICATIONS_CONFIG_FILE || resolve(dirname(source), 'notifications.yaml'), env),
    auth: loadAuthSettings(file.auth, env),
    source,
  };
  return config;
}
