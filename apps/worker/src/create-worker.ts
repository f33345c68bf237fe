import type { AppConfig } from '@gotrs/config';
import type { Client } from '@temporalio/client';
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { createActivities } from './activities';
import { createSmtpMailer, type Mailer } from './activities/mailer';
import { createNotifier } from './activities/notifier';
import { drainTimes } from './lifecycle/drain-times';
import { createWorkerMetrics, type WorkerMetrics } from './metrics/worker-metrics';
import { requireSearchAttributes } from './search-attribute-check';
import { workerObservability } from './tracing/worker-interceptors';
import { bundleWorkflows } from './workflow-bundle';
import { webhookWakeupsPlugin } from './webhooks/webhook-wakeups';

export interface WorkerDeps {
  config: AppConfig;
  connection: NativeConnection;
  pool: Pool;
  logger: Logger;
  /** Starts notification workflows (the notifier); owned and closed by the caller. */
  client: Client;
  /** How email goes out; by default SMTP as configured (config/notifications.yaml). */
  mailer?: Mailer;
  /** Where the activities count what they do (gotrs_* metrics); a registry of its own by default. */
  metrics?: WorkerMetrics;
  /** Overrides for tests: another task queue, a prebuilt bundle, mocked activities... */
  overrides?: Partial<WorkerOptions>;
}

/** The workflows' entry module: `.ts` under ts-jest, `.js` once built. */
export const WORKFLOWS_PATH = require.resolve('./workflows');

/**
 * Builds the worker of the `gotrs-task-queue` with the configured concurrency and shutdown bound, once
 * the namespace is known to have the search attributes the workflows upsert. Its workflows and
 * activities carry the request ID into their log lines, and with tracing on their spans join the
 * caller's trace.
 */
export async function createWorker({ config, connection, pool, logger, client, mailer, metrics, overrides }: WorkerDeps): Promise<Worker> {
  await requireSearchAttributes(client, config.temporal.namespace, logger);
  const observability = workerObservability();
  const notifier = createNotifier({ pool, client, taskQueue: config.temporal.taskQueue, settings: config.notifications, workflowSettings: config.workflows, logger });
  // A test's own bundle (or path) wins; otherwise the workflows are bundled here with the interceptors.
  const givenWorkflows = overrides !== undefined && ('workflowBundle' in overrides || 'workflowsPath' in overrides);
  const workflows = givenWorkflows ? {} : { workflowBundle: await bundleWorkflows(WORKFLOWS_PATH, observability.workflowInterceptorModules, logger) };
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    ...workflows,
    interceptors: { activity: observability.activityInterceptors },
    ...(observability.sinks ? { sinks: observability.sinks } : {}),
    activities: createActivities({ pool, logger, settings: config.workflows, sla: config.sla,
      notifications: config.notifications, mailer: mailer ?? createSmtpMailer(config.notifications.smtp), notifier,
      webhooks: config.webhooks,
      metrics: metrics ?? createWorkerMetrics() }),
    maxConcurrentActivityTaskExecutions: config.temporal.worker.maxConcurrentActivities,
    maxConcurrentWorkflowTaskExecutions: config.temporal.worker.maxConcurrentWorkflows,
    plugins: [webhookWakeupsPlugin({ pool, client, database: config.database, logger })],
    maxCachedWorkflows: config.temporal.worker.maxCachedWorkflows,
    ...drainTimes(config.operations.worker.shutdownTimeoutMs),
    ...overrides,
  });
}
