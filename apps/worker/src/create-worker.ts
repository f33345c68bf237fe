import type { AppConfig } from '@gotrs/config';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { createActivities } from './activities';

export interface WorkerDeps {
  config: AppConfig;
  connection: NativeConnection;
  pool: Pool;
  logger: Logger;
  /** Overrides for tests: another task queue, a prebuilt bundle, mocked activities... */
  overrides?: Partial<WorkerOptions>;
}

/** The workflows' entry module: `.ts` under ts-jest, `.js` once built. */
export const WORKFLOWS_PATH = require.resolve('./workflows');

/** Builds the worker of the `gotrs-task-queue` with the configured concurrency. */
export function createWorker({ config, connection, pool, logger, overrides }: WorkerDeps): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowsPath: WORKFLOWS_PATH,
    activities: createActivities({ pool, logger, settings: config.workflows }),
    maxConcurrentActivityTaskExecutions: config.temporal.worker.maxConcurrentActivities,
    maxConcurrentWorkflowTaskExecutions: config.temporal.worker.maxConcurrentWorkflows,
    ...overrides,
  });
}
