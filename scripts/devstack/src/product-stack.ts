import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '@gotrs/db';
import { startApiProcess, startWorkerProcess, type AppProcess } from './app-process';
import { startFullTemporal, type FullTemporal } from './full-temporal';
import { freePort } from './ports';
import { startLocalPostgres, type LocalPostgres } from './postgres';
import type { Reaper } from './reaper-client';
import { resolveTemporalCli, startTemporalDevServer } from './temporal';
import type { Teardown } from './teardown';

/** Which Temporal: `dev` is `temporal server start-dev` (SQLite file), `full` the production server on PostgreSQL. */
export type TemporalKind = 'dev' | 'full';

export interface ProductStackOptions {
  temporal: TemporalKind;
  /** Working folder of the run (Temporal's SQLite file, the apps' logs); removed by the caller. */
  dir: string;
  namespace: string;
  taskQueue: string;
  /** PostgreSQL without fsync (tests); false keeps PostgreSQL's durable defaults (benchmarks). */
  ephemeral: boolean;
  /** The variables both apps get on top of the stack's (CONFIG_FILE, AUTH_JWT_SECRET, SMTP_HOST, LOG_LEVEL...). */
  appEnv: NodeJS.ProcessEnv;
}

/** Temporal as a process (and its database, when that is a process of its own). */
export interface StackTemporal {
  kind: TemporalKind;
  address: string;
  /** The server process's pid. */
  serverPid(): number;
  /** Temporal's PostgreSQL (full); the dev server keeps SQLite in its own process. */
  postgres?: LocalPostgres;
  /** The dev server's SQLite file. */
  dbFile?: string;
  full?: FullTemporal;
}

export interface ProductStack {
  temporal: StackTemporal;
  /** The product's PostgreSQL. */
  postgres: LocalPostgres;
  databaseUrl: string;
  worker: AppProcess;
  api: AppProcess;
  apiUrl: string;
  /** The worker's /metrics. */
  workerMetricsUrl: string;
}

/** A PostgreSQL cluster in a temporary folder on a free port; the folder is removed with it. */
async function throwawayPostgres(teardown: Teardown, reaper: Reaper, label: string, database: string, ephemeral: boolean): Promise<LocalPostgres> {
  const dataDir = mkdtempSync(join(tmpdir(), `gotrs-${label}-pg-`)); // initdb chowns it to the postgres user
  await reaper.runOnExit(`${label}-dir`, { command: 'rm', args: ['-rf', dataDir] });
  teardown.add(`${label} PostgreSQL data`, async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await reaper.forget(`${label}-dir`);
  });
  const postgres = await startLocalPostgres({ dataDir, port: await freePort(), database, ephemeral });
  await reaper.runOnExit(label, postgres.stopCommand);
  teardown.add(`${label} PostgreSQL`, async () => {
    await postgres.stop();
    await reaper.forget(label);
  });
  return postgres;
}

async function startTemporal(teardown: Teardown, reaper: Reaper, options: ProductStackOptions): Promise<StackTemporal> {
  if (options.temporal === 'full') {
    const dataDir = mkdtempSync(join(tmpdir(), 'gotrs-temporal-pg-'));
    await reaper.runOnExit('temporal-dir', { command: 'rm', args: ['-rf', dataDir] });
    teardown.add("Temporal's PostgreSQL data", async () => {
      rmSync(dataDir, { recursive: true, force: true });
      await reaper.forget('temporal-dir');
    });
    const full = await startFullTemporal(teardown, reaper, {
      dataDir, namespaces: [options.namespace], ephemeral: options.ephemeral, logFile: join(options.dir, 'temporal.log'),
    });
    return { kind: 'full', address: full.address, serverPid: () => full.server.pid, postgres: full.postgres, full };
  }
  const dbFile = join(options.dir, 'temporal.db');
  const server = await startTemporalDevServer({
    cliPath: await resolveTemporalCli(), port: await freePort(), dbFile, namespaces: [options.namespace],
    logFile: join(options.dir, 'temporal.log'), onSpawn: (child) => void reaper.watchGroup(child.pid),
  });
  teardown.add('Temporal dev server', async () => {
    await server.stop();
    await reaper.forgetGroup(server.process.pid);
  });
  return { kind: 'dev', address: server.address, serverPid: () => server.process.pid, dbFile };
}

/**
 * The whole product as production runs it, on this machine: Temporal (`dev` or `full`), the
 * product's PostgreSQL (migrated), the worker and the API as processes of their own (each waited for:
 * the worker polling its task queue, the API's /readyz). Every part is registered with `teardown` and
 * `reaper`. For benchmarks and the production smoke test (`npm run test:full-server`).
 */
export async function startProductStack(teardown: Teardown, reaper: Reaper, options: ProductStackOptions): Promise<ProductStack> {
  const [temporal, postgres] = await Promise.all([
    startTemporal(teardown, reaper, options),
    throwawayPostgres(teardown, reaper, 'product', 'gotrs', options.ephemeral),
  ]);
  await runMigrations(postgres.databaseUrl);
  const apiPort = await freePort();
  const metricsPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    ...options.appEnv,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: options.namespace,
    TEMPORAL_TASK_QUEUE: options.taskQueue,
    DATABASE_URL: postgres.databaseUrl,
    API_HOST: '127.0.0.1',
    API_PORT: String(apiPort),
    WORKER_METRICS_HOST: '127.0.0.1',
    WORKER_METRICS_PORT: String(metricsPort),
  };
  const worker = await startWorkerProcess({
    env, logFile: join(options.dir, 'worker.log'), temporal: { address: temporal.address, tls: false }, namespace: options.namespace, taskQueue: options.taskQueue,
    onSpawn: (child) => void reaper.watchGroup(child.pid),
  });
  teardown.add('worker', async () => {
    await worker.stop();
    await reaper.forgetGroup(worker.process.pid);
  });
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const api = await startApiProcess({ env, logFile: join(options.dir, 'api.log'), url: apiUrl, onSpawn: (child) => void reaper.watchGroup(child.pid) });
  teardown.add('API', async () => {
    await api.stop();
    await reaper.forgetGroup(api.process.pid);
  });
  return { temporal, postgres, databaseUrl: postgres.databaseUrl, worker, api, apiUrl, workerMetricsUrl: `http://127.0.0.1:${metricsPort}/metrics` };
}
