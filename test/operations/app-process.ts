/**
 * The API and the worker as their entry points run them (`node apps/api/dist/server.js`,
 * `node apps/worker/dist/worker.js`), with an environment of the test's own, on the run's servers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '@gotrs/devstack';
import { GiveUpError, childEnvironment, testEnv, uniqueTaskQueue, waitFor } from '@gotrs/devstack/testing';
import { SECRET } from '../../apps/api/test/auth/tokens';

const REPO = resolve(__dirname, '..', '..');
const SCRIPTS = { api: 'apps/api/dist/server.js', worker: 'apps/worker/dist/worker.js' } as const;
/** What a child needs from this process's environment (nothing of the developer's own settings). */
const INHERITED = new Set(['PATH', 'HOME', 'TMPDIR', 'TZ', 'LANG']);

export interface AppProcess {
  process: ChildProcess;
  /** Everything it printed so far (pino JSON lines). */
  output(): string;
  /** Resolves with its exit code (or the signal that ended it). */
  exited: Promise<number | string>;
  /** Resolves once a log line has this `msg`; throws if the process exits first. */
  logged(message: string, timeoutMs?: number): Promise<void>;
  /** SIGTERM, then SIGKILL after 20 s; resolves once it is gone. */
  stop(): Promise<void>;
}

/** Spawns the built API or worker with `env` on top of the run's servers (LOG_LEVEL info). */
export function spawnApp(app: keyof typeof SCRIPTS, env: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, [resolve(REPO, SCRIPTS[app])], {
    cwd: REPO,
    env: childEnvironment({ LOG_LEVEL: 'info', ...env }, (name) => INHERITED.has(name)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((done) => child.once('exit', (code, signal) => done(code ?? signal ?? 'unknown')));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    process: child,
    output: () => output,
    exited,
    logged: (message, timeoutMs = 30_000) =>
      waitFor(() => {
        if (output.includes(`"msg":"${message}"`)) return true;
        if (gone()) throw new GiveUpError(`${app} exited before logging "${message}":\n${output}`);
        return false;
      }, { timeoutMs, intervalMs: 50, description: `${app} to log "${message}"` }).then(() => undefined),
    async stop() {
      if (gone()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The variables of the run's servers, on a task queue of the test's own; the worker's metrics on a free port. */
export async function appEnv(label: string, overrides: Record<string, string> = {}): Promise<Record<string, string>> {
  const { temporalAddress, temporalNamespace, databaseUrl } = testEnv();
  return {
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: temporalNamespace,
    TEMPORAL_TASK_QUEUE: uniqueTaskQueue(label),
    DATABASE_URL: databaseUrl,
    AUTH_JWT_SECRET: SECRET,
    API_HOST: '127.0.0.1',
    API_PORT: String(await freePort()),
    WORKER_METRICS_HOST: '127.0.0.1',
    WORKER_METRICS_PORT: String(await freePort()),
    ...overrides,
  };
}

/** Resolves once `url` answers `status`. */
export function answers(url: string, status = 200, timeoutMs = 30_000): Promise<void> {
  return waitFor(async () => (await fetch(url)).status === status, { timeoutMs, intervalMs: 100, description: `${url} to answer ${status}` }).then(() => undefined);
}
