/**
 * The API and the worker as real processes (`node apps/api/dist/server.js`, `node
 * apps/worker/dist/worker.js`), as `make dev` and production run them: what is process-wide
 * (OpenTelemetry's instrumentation, the pino logger, the Temporal runtime's logger) is only seen this
 * way. Their stdout is kept as parsed JSON log lines.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { freePort } from '@gotrs/devstack';
import { childEnvironment, testEnv, uniqueTaskQueue, waitFor } from '@gotrs/devstack/testing';
import { SECRET } from '../../apps/api/test/auth/tokens';

const REPO = resolve(__dirname, '..', '..');

/** One pino line as written. */
export type LogLine = Record<string, unknown> & { level: number; msg?: string };

export interface AppProcess {
  lines: LogLine[];
  /** What it wrote that was not JSON (a crash's stack, say). */
  text: string[];
  waitForLine(predicate: (line: LogLine) => boolean, description: string, timeoutMs?: number): Promise<LogLine>;
  stop(): Promise<void>;
}

function start(script: string, env: NodeJS.ProcessEnv, readyMessage: string): Promise<AppProcess> {
  const child: ChildProcess = spawn(process.execPath, [join(REPO, script)], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: LogLine[] = [];
  const text: string[] = [];
  let rest = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) {
      try {
        lines.push(JSON.parse(part) as LogLine);
      } catch {
        text.push(part);
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => text.push(chunk.toString('utf8')));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const waitForLine = (predicate: (line: LogLine) => boolean, description: string, timeoutMs = 30_000) =>
    waitFor(() => {
      const found = lines.find(predicate);
      if (!found && child.exitCode !== null) throw new Error(`${script} exited (${child.exitCode}):\n${text.join('\n')}`);
      return found;
    }, { timeoutMs, description: `${script}: ${description}` });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return waitForLine((line) => line.msg === readyMessage, readyMessage).then(
    () => ({ lines, text, waitForLine, stop }),
    async (error: unknown) => {
      child.kill('SIGKILL');
      throw error;
    },
  );
}

export interface AppProcesses {
  api: AppProcess;
  worker: AppProcess;
  /** `http://127.0.0.1:{port}` of the API. */
  url: string;
  taskQueue: string;
  stop(): Promise<void>;
}

/**
 * Starts the worker, then the API, on the run's Temporal and PostgreSQL and a task queue of their own,
 * with `env` on top (OTEL_* of the surrounding environment are dropped first).
 */
export async function startAppProcesses(label: string, env: Record<string, string>): Promise<AppProcesses> {
  const { temporalAddress, temporalNamespace, databaseUrl } = testEnv();
  const inherited = childEnvironment({}, (name) => !name.startsWith('OTEL_'));
  const port = await freePort();
  const taskQueue = uniqueTaskQueue(label);
  const common = {
    ...inherited,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: temporalNamespace,
    TEMPORAL_TASK_QUEUE: taskQueue,
    DATABASE_URL: databaseUrl,
    AUTH_JWT_SECRET: SECRET,
    API_HOST: '127.0.0.1',
    API_PORT: String(port),
    LOG_LEVEL: 'info',
    ...env,
  };
  const worker = await start('apps/worker/dist/worker.js', common, 'worker started');
  const api = await start('apps/api/dist/server.js', { ...common, LOG_LEVEL: 'info' }, 'API ready; Swagger UI at /docs').catch(async (error: unknown) => {
    await worker.stop();
    throw error;
  });
  return {
    api,
    worker,
    url: `http://127.0.0.1:${port}`,
    taskQueue,
    stop: async () => {
      await api.stop();
      await worker.stop();
    },
  };
}
