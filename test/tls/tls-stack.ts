/**
 * The API and the worker as their entry points build them from an environment (server.ts, worker.ts),
 * for TLS tests: the API in this process, the worker as a child process (`apps/worker/dist/worker.js`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { loadConfig, requireTokenVerification, type AppConfig } from '@gotrs/config';
import { createPool } from '@gotrs/db';
import { GiveUpError, childEnvironment, testEnv, uniqueTaskQueue, waitFor } from '@gotrs/devstack/testing';
import type { Client } from '@temporalio/client';
import pino from 'pino';
import { buildApp, type App } from '../../apps/api/src/app';
import { createTemporalClient } from '../../apps/api/src/temporal/create-client';
import { TEST_AUTH_SECRET, tokenFor } from '../../apps/api/test/support';

const REPO = resolve(__dirname, '..', '..');

/**
 * The variables of the run's servers, on a task queue of the test's own, with the secret the API
 * verifies GOTRS tokens with; add the connection's on top.
 */
export function baseEnv(label: string, smtp?: { host: string; port: number }): Record<string, string> {
  const { temporalNamespace, databaseUrl } = testEnv();
  return {
    TEMPORAL_NAMESPACE: temporalNamespace,
    TEMPORAL_TASK_QUEUE: uniqueTaskQueue(label),
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    // Tests run side by side: each worker process serves /metrics on a free port.
    WORKER_METRICS_PORT: '0',
    AUTH_JWT_SECRET: TEST_AUTH_SECRET,
    ...(smtp ? { SMTP_HOST: smtp.host, SMTP_PORT: String(smtp.port) } : {}),
  };
}

export interface EnvApi {
  app: App;
  config: AppConfig;
  client: Client;
  /** One request, as an Admin (tokenFor('Admin')). */
  request(method: string, url: string, payload?: unknown): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

/** The API from `env` alone, as server.ts builds it (loadConfig, createTemporalClient, buildApp). */
export async function startApiFromEnv(env: Record<string, string>, options: { createWaitMs?: number; callTimeoutMs?: number } = {}): Promise<EnvApi> {
  const config = loadConfig(env);
  requireTokenVerification(config.auth);
  if (options.createWaitMs !== undefined) config.api.createWaitMs = options.createWaitMs;
  if (options.callTimeoutMs !== undefined) config.temporal.callTimeoutMs = options.callTimeoutMs;
  const pool = createPool(config.database);
  const client = createTemporalClient(config.temporal);
  const app = await buildApp({ config, pool, temporalClient: client, logger: pino({ level: 'silent' }) });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const admin = await tokenFor('Admin');
  return {
    app,
    config,
    client,
    async request(method, url, payload) {
      const response = await fetch(`${base}${url}`, {
        method,
        headers: { authorization: `Bearer ${admin}`, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
        body: payload === undefined ? undefined : JSON.stringify(payload),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      await app.close();
      await Promise.allSettled([pool.end(), client.connection.close()]);
    },
  };
}

export interface WorkerProcess {
  process: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** The exit code (or the signal's name). */
  exited: Promise<number | string>;
  stop(): Promise<void>;
}

/** Variables of the parent that must not reach the child: the connection is what the test says. */
const INHERITED = (name: string) => !/^(TEMPORAL_|CONFIG_FILE$|DATABASE_URL$|SMTP_|LOG_LEVEL$)/.test(name);

/** Spawns the built worker (`node apps/worker/dist/worker.js`) with `env`; does not wait for it. */
export function spawnWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, [resolve(REPO, 'apps/worker/dist/worker.js')], {
    // "worker started" is an info line
    env: childEnvironment({ ...env, LOG_LEVEL: 'info' }, INHERITED),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((done) => child.once('exit', (code, signal) => done(code ?? signal ?? 'unknown')));
  return {
    process: child,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resolves once the worker logged "worker started" (it connected and built its bundle); throws if it exited. */
export function workerStarted(worker: WorkerProcess): Promise<void> {
  return waitFor(
    () => {
      if (worker.process.exitCode !== null) throw new GiveUpError(`the worker exited early:\n${worker.output()}`);
      return worker.output().includes('"worker started"');
    },
    { timeoutMs: 45_000, description: 'the worker process to start' },
  ).then(() => undefined);
}
