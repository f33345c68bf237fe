/**
 * End-to-end harness: the real API (apps/api buildApp) and the real worker (apps/worker createWorker)
 * on the run's Temporal dev server and PostgreSQL, on a task queue of the test file's own.
 */
import { DefaultLogger, NativeConnection, Runtime, bundleWorkflowCode, type Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createPool } from '@gotrs/db';
import { startSmtpSink, type SmtpSink } from '@gotrs/devstack/testing';
import pino from 'pino';
import type { Pool } from 'pg';
import { startApi, type TestApi, type TestApiOptions } from '../../apps/api/test/support';
import { WORKFLOWS_PATH, createWorker } from '../../apps/worker/src/create-worker';

export { GOTRS_KEY_SCOPES, TEST_AUTH_SECRET, TEST_PEOPLE, actorOfRole, expectProblem, onBehalfOf, fieldsOf, tokenFor, type HttpResponse, type TestApi } from '../../apps/api/test/support';

function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // Another test file in this Jest worker installed it first: keep that one.
  }
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** The workflows bundled once per test file, so starting a worker again takes milliseconds. */
function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} } });
  return bundle;
}

export interface Stack {
  api: TestApi;
  /** The SMTP server the worker sends to (in this process; it keeps what it receives). */
  smtp: SmtpSink;
  /** Starts a worker polling the test's task queue (one at a time). */
  startWorker(): Promise<void>;
  /** Stops the worker and waits until it has shut down. */
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

export interface StackOptions extends TestApiOptions {
  /** The worker's own PostgreSQL (default: the API's), to take the database away from the worker only. */
  workerDatabaseUrl?: string;
}

export async function startStack({ workerDatabaseUrl, ...options }: StackOptions): Promise<Stack> {
  quietRuntime();
  const api = await startApi(options);
  const smtp = await startSmtpSink();
  Object.assign(api.config.notifications.smtp, { host: smtp.host, port: smtp.port });
  const workerPool: Pool = workerDatabaseUrl ? createPool({ ...api.config.database, url: workerDatabaseUrl }) : api.pool;
  const connection = await NativeConnection.connect({ address: api.config.temporal.address });
  const logger = pino({ level: 'silent' });
  let running: { worker: Worker; done: Promise<void> } | undefined;

  const stopWorker = async () => {
    if (!running) return;
    const { worker, done } = running;
    running = undefined;
    worker.shutdown();
    await done;
  };

  return {
    api,
    smtp,
    async startWorker() {
      if (running) return;
      const worker = await createWorker({
        config: api.config,
        connection,
        pool: workerPool,
        logger,
        client: api.client,
        overrides: { workflowsPath: undefined, workflowBundle: await workflowBundle() },
      });
      running = { worker, done: worker.run() };
    },
    stopWorker,
    async close() {
      await stopWorker();
      await connection.close();
      if (workerPool !== api.pool) await workerPool.end();
      await api.close();
      await smtp.close();
    },
  };
}

/** Polls `probe` until it returns a value other than undefined. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
