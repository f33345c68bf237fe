import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { log, secondsSince } from './log';
import { REPO_ROOT } from './paths';
import { freePort, freePortBetween } from './ports';
import { startProcess, type ManagedProcess } from './processes';
import { registerSearchAttributes } from './temporal';
import type { TemporalServerBinaries } from './temporal-server-build';
import type { TemporalPostgres } from './temporal-server-schema';
import { GiveUpError, waitFor } from './wait';

const run = promisify(execFile);

/** The production server configuration: the same file docker-compose.yml mounts into temporalio/server. */
export const TEMPORAL_SERVER_CONFIG_DIR = join(REPO_ROOT, 'config', 'temporal-server');
export const TEMPORAL_SERVER_CONFIG_FILE = join(TEMPORAL_SERVER_CONFIG_DIR, 'temporal-server.yaml');
export const TEMPORAL_SERVER_DYNAMIC_CONFIG_FILE = join(TEMPORAL_SERVER_CONFIG_DIR, 'dynamicconfig.yaml');

/** Its four services, in one process. */
export const TEMPORAL_SERVER_SERVICES = ['frontend', 'history', 'matching', 'worker'] as const;

/** How long closed workflows stay in Temporal (the product keeps tickets and their history in its own database). */
export const NAMESPACE_RETENTION = '72h';

/** Every port the server listens on; membership ports are stored in a smallint column, so below 32768. */
export interface TemporalServerPorts {
  frontend: number;
  frontendHttp: number;
  frontendMembership: number;
  history: number;
  historyMembership: number;
  matching: number;
  matchingMembership: number;
  worker: number;
  workerMembership: number;
}

const MEMBERSHIP_PORTS = { low: 20_000, high: 32_767 } as const;

/** Free ports for every listener; `frontend` when given (make dev's TEMPORAL_PORT). */
export async function pickServerPorts(frontend?: number): Promise<TemporalServerPorts> {
  const low = () => freePortBetween(MEMBERSHIP_PORTS.low, MEMBERSHIP_PORTS.high);
  return {
    frontend: frontend ?? (await freePort()),
    frontendHttp: await freePort(),
    frontendMembership: await low(),
    history: await freePort(),
    historyMembership: await low(),
    matching: await freePort(),
    matchingMembership: await low(),
    worker: await freePort(),
    workerMembership: await low(),
  };
}

/** The variables config/temporal-server/temporal-server.yaml reads (the temporalio/server image's names). */
export function serverEnvironment(pg: TemporalPostgres, ports: TemporalServerPorts, logLevel: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    LOG_LEVEL: logLevel,
    POSTGRES_SEEDS: pg.host,
    DB_PORT: String(pg.port),
    POSTGRES_USER: pg.user,
    POSTGRES_PWD: pg.password ?? '',
    BIND_ON_IP: '127.0.0.1',
    FRONTEND_GRPC_PORT: String(ports.frontend),
    FRONTEND_HTTP_PORT: String(ports.frontendHttp),
    FRONTEND_MEMBERSHIP_PORT: String(ports.frontendMembership),
    HISTORY_GRPC_PORT: String(ports.history),
    HISTORY_MEMBERSHIP_PORT: String(ports.historyMembership),
    MATCHING_GRPC_PORT: String(ports.matching),
    MATCHING_MEMBERSHIP_PORT: String(ports.matchingMembership),
    WORKER_GRPC_PORT: String(ports.worker),
    WORKER_MEMBERSHIP_PORT: String(ports.workerMembership),
    DYNAMIC_CONFIG_FILE_PATH: TEMPORAL_SERVER_DYNAMIC_CONFIG_FILE,
  };
}

/** `server --config-file ... start --service ...` with all four services. */
export function serverArgs(): string[] {
  return ['--config-file', TEMPORAL_SERVER_CONFIG_FILE, '--allow-no-auth', 'start', ...TEMPORAL_SERVER_SERVICES.flatMap((s) => ['--service', s])];
}

export interface TemporalServerOptions {
  binaries: TemporalServerBinaries;
  /** The Temporal CLI, for the health probe and the namespace and search-attribute registration. */
  cliPath: string;
  postgres: TemporalPostgres;
  /** The ports of an earlier start (a restart keeps its address); else free ones, `frontendPort` if given. */
  ports?: TemporalServerPorts;
  frontendPort?: number;
  /** Namespaces to register besides `default`, each with the workflows' search attributes. */
  namespaces?: readonly string[];
  /** The server's log level (default warn). */
  logLevel?: string;
  logFile?: string;
  forwardOutput?: boolean;
  prefixWidth?: number;
  readyTimeoutMs?: number;
  signal?: AbortSignal;
  onSpawn?: (process: ManagedProcess) => void;
}

export interface TemporalServer {
  /** `host:port` of the frontend. */
  address: string;
  ports: TemporalServerPorts;
  process: ManagedProcess;
  stop(): Promise<void>;
}

async function createNamespace(cliPath: string, address: string, namespace: string): Promise<void> {
  try {
    await run(cliPath, ['operator', 'namespace', 'create', '--namespace', namespace, '--retention', NAMESPACE_RETENTION, '--address', address], { timeout: 10_000 });
  } catch (error) {
    const failure = error as { stderr?: string; message: string };
    if (!/already exists/i.test(`${failure.stderr ?? ''} ${failure.message}`)) throw error;
  }
}

async function healthy(cliPath: string, address: string): Promise<boolean> {
  await run(cliPath, ['operator', 'cluster', 'health', '--address', address], { timeout: 5_000 });
  return true;
}

/**
 * Starts the full Temporal Server (frontend, history, matching and worker in one process) on the
 * PostgreSQL whose schema `setupTemporalSchema` made, with config/temporal-server/, and resolves once
 * the frontend is healthy and every namespace (`default` too) is registered with the workflows'
 * search attributes. On failure the server is stopped and the error quotes its log tail.
 */
export async function startTemporalServer(options: TemporalServerOptions): Promise<TemporalServer> {
  const startedAt = Date.now();
  const ports = options.ports ?? (await pickServerPorts(options.frontendPort));
  const address = `127.0.0.1:${ports.frontend}`;
  const child = startProcess({
    name: 'temporal',
    command: options.binaries.server,
    args: serverArgs(),
    env: serverEnvironment(options.postgres, ports, options.logLevel ?? 'warn'),
    cwd: REPO_ROOT,
    forward: options.forwardOutput,
    prefixWidth: options.prefixWidth,
    logFile: options.logFile,
  });
  options.onSpawn?.(child);
  const stop = (): Promise<void> => child.stop(15_000);
  const namespaces = [...new Set(['default', ...(options.namespaces ?? [])])];
  try {
    await waitFor(
      async () => {
        if (child.hasExited()) throw new GiveUpError(`the Temporal server exited early (${await child.exited})`);
        return healthy(options.cliPath, address);
      },
      { timeoutMs: options.readyTimeoutMs ?? 90_000, intervalMs: 250, description: `Temporal Server at ${address}`, signal: options.signal },
    );
    for (const namespace of namespaces) {
      await createNamespace(options.cliPath, address, namespace);
      await waitFor(() => registerSearchAttributes(options.cliPath, address, namespace).then(() => true), {
        timeoutMs: 30_000, intervalMs: 500, description: `the search attributes of namespace ${namespace}`, signal: options.signal,
      });
    }
  } catch (error) {
    await stop();
    const tail = child.tail(30) || '(no output)';
    throw new Error(`Temporal Server did not become ready: ${(error as Error).message}\n--- temporal log tail ---\n${tail}`);
  }
  log(`Temporal Server (PostgreSQL) ready at ${address} in ${secondsSince(startedAt)}`);
  return { address, ports, process: child, stop };
}
