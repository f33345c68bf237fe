/**
 * The product on a stack of the benchmark's own (devstack's `startProductStack`: Temporal `dev` or
 * `full`, the product's PostgreSQL, the worker and the API as processes), an SMTP sink in this
 * process, and what the benchmark drives it with: an admin token, a Temporal client, a pool.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_CONFIG_FILE, loadConfig, type AppConfig } from '@gotrs/config';
import { createPool } from '@gotrs/db';
import { Reaper, Teardown, devAdminToken, startProductStack, startSmtpSink, type ProductStack, type SmtpSink, type TemporalKind } from '@gotrs/devstack';
import { Client, Connection } from '@temporalio/client';
import type { Pool } from 'pg';
import { parseDocument } from 'yaml';
import { postmasterPid, rssMiB, treeCpuSeconds } from './machine';

const CONFIG_DIR = resolve(DEFAULT_CONFIG_FILE, '..');

/** The benchmark's one caller may send this many requests a minute (config api.rate_limit.per_caller). */
export const BENCH_RATE_LIMIT = 1_000_000;

export interface BenchStack {
  stack: ProductStack;
  sink: SmtpSink;
  /** The configuration the apps run with (the repository's, with the benchmark's rate limit). */
  config: AppConfig;
  token: string;
  client: Client;
  pool: Pool;
  /** The processes whose CPU the benchmark accounts, by name. */
  processes(): Record<string, number>;
  /** CPU seconds so far of each process tree, and this process. */
  cpu(): Record<string, number>;
  workerRssMiB(): number;
  close(): Promise<void>;
}

/**
 * config/temporal.yaml as it is, except the per-caller rate limit: the benchmark is one caller
 * sending far more than the 600 a minute one GOTRS user may (said in the output).
 */
function benchConfigFile(dir: string, settings: [string[], unknown][]): string {
  const document = parseDocument(readFileSync(DEFAULT_CONFIG_FILE, 'utf8'));
  document.setIn(['api', 'rate_limit', 'per_caller'], BENCH_RATE_LIMIT);
  for (const [path, value] of settings) document.setIn(path, value);
  const file = join(dir, 'temporal.yaml');
  writeFileSync(file, document.toString());
  return file;
}

export interface BenchStackOptions {
  temporal: TemporalKind;
  /** LOG_LEVEL of the apps (default: the configuration's). */
  logLevel?: string;
  /** Settings of config/temporal.yaml changed for this run (`--set`), as [path, value]. */
  settings?: [string[], unknown][];
}

export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const teardown = new Teardown();
  const reaper = Reaper.start();
  const dir = mkdtempSync(join(tmpdir(), 'gotrs-bench-'));
  teardown.add('the run folder', async () => rmSync(dir, { recursive: true, force: true }));
  try {
    const sink = await startSmtpSink();
    sink.parse = false;
    teardown.add('SMTP sink', () => sink.close());
    const secret = randomBytes(48).toString('base64url');
    const configFile = benchConfigFile(dir, options.settings ?? []);
    const appEnv: NodeJS.ProcessEnv = {
      CONFIG_FILE: configFile,
      SLA_CONFIG_FILE: join(CONFIG_DIR, 'sla.yaml'),
      NOTIFICATIONS_CONFIG_FILE: join(CONFIG_DIR, 'notifications.yaml'),
      AUTH_JWT_SECRET: secret,
      SMTP_HOST: sink.host,
      SMTP_PORT: String(sink.port),
      ...(options.logLevel ? { LOG_LEVEL: options.logLevel } : {}),
    };
    const config = loadConfig({ ...appEnv });
    const stack = await startProductStack(teardown, reaper, {
      temporal: options.temporal, dir, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue, ephemeral: false, appEnv,
    });
    const connection = await Connection.connect({ address: stack.temporal.address });
    teardown.add('Temporal client', () => connection.close());
    const client = new Client({ connection, namespace: config.temporal.namespace });
    const pool = createPool({ ...config.database, url: stack.databaseUrl, poolSize: 4 });
    teardown.add('pool', () => pool.end());
    const processes = (): Record<string, number> => ({
      'Temporal server': stack.temporal.serverPid(),
      ...(stack.temporal.postgres ? { "Temporal's PostgreSQL": postmasterPid(stack.temporal.postgres.dataDir) } : {}),
      worker: stack.worker.process.pid,
      API: stack.api.process.pid,
      PostgreSQL: postmasterPid(stack.postgres.dataDir),
    });
    return {
      stack, sink, config, client, pool, processes,
      token: await devAdminToken(secret, config.auth.gotrs?.issuer ?? 'gotrs'),
      cpu: () => {
        const figures = Object.fromEntries(Object.entries(processes()).map(([name, pid]) => [name, treeCpuSeconds(pid)]));
        const own = process.cpuUsage();
        return { ...figures, 'benchmark (client)': (own.user + own.system) / 1e6 };
      },
      workerRssMiB: () => rssMiB(stack.worker.process.pid),
      close: async () => {
        await teardown.runAll();
        await reaper.close();
      },
    };
  } catch (error) {
    await teardown.runAll();
    await reaper.close();
    throw error;
  }
}
