import { join } from 'node:path';
import type { TemporalConnectionOptions } from '@gotrs/config';
import { APP_SCRIPTS, type AppName } from './dev-apps';
import { httpGet } from './http-probe';
import { REPO_ROOT } from './paths';
import { startProcess, type ManagedProcess } from './processes';
import { TaskQueuePollers, workerIdentity } from './task-queue-pollers';
import { GiveUpError, waitFor } from './wait';

export interface AppProcessOptions {
  /** The whole environment of the process (nothing is inherited). */
  env: NodeJS.ProcessEnv;
  /** Its output goes here (replacing the file), not to our stdout. */
  logFile?: string;
  readyTimeoutMs?: number;
  /** Called as soon as the process exists, before it is ready (to register it with a reaper). */
  onSpawn?: (process: ManagedProcess) => void;
}

/** A ready app: the process, and where it answers (the API) or whom it polls as (the worker). */
export interface AppProcess {
  process: ManagedProcess;
  stop(): Promise<void>;
}

function started(name: AppName, options: AppProcessOptions): ManagedProcess {
  const child = startProcess({
    name,
    command: process.execPath,
    args: [join(REPO_ROOT, APP_SCRIPTS[name].script)],
    cwd: REPO_ROOT,
    env: options.env,
    logFile: options.logFile,
  });
  options.onSpawn?.(child);
  return child;
}

async function whileAlive<T>(child: ManagedProcess, what: string, options: AppProcessOptions, probe: () => Promise<T>): Promise<void> {
  await waitFor(
    async () => {
      if (child.hasExited()) throw new GiveUpError(`${child.name} exited (${await child.exited}) before ${what}:\n${child.tail(30)}`);
      return (await probe()) ?? true;
    },
    { timeoutMs: options.readyTimeoutMs ?? 120_000, intervalMs: 250, description: what },
  );
}

/**
 * `node apps/worker/dist/worker.js` in a process group of its own, resolved once Temporal lists it
 * (by its `{pid}@{host}` identity) as a poller of both queues of `taskQueue`, as make dev waits for it.
 */
export async function startWorkerProcess(
  options: AppProcessOptions & { temporal: TemporalConnectionOptions; namespace: string; taskQueue: string },
): Promise<AppProcess> {
  const child = started('worker', options);
  const pollers = TaskQueuePollers.connect(options.temporal, options.namespace, options.taskQueue);
  try {
    await whileAlive(child, `the worker polls ${options.taskQueue}`, options, async () => {
      const polls = await pollers.polledBy(workerIdentity(child.pid));
      if (!polls.workflow || !polls.activity) throw new Error(`the worker (pid ${child.pid}) does not poll ${options.taskQueue} yet`);
      return true;
    });
  } catch (error) {
    await child.stop(5_000);
    throw error;
  } finally {
    await pollers.close();
  }
  return { process: child, stop: () => child.stop(30_000) };
}

/** `node apps/api/dist/server.js` in a process group of its own, resolved once `GET {url}/readyz` answers 200. */
export async function startApiProcess(options: AppProcessOptions & { url: string }): Promise<AppProcess> {
  const child = started('api', options);
  try {
    await whileAlive(child, `${options.url}/readyz answers 200`, options, async () => {
      const { status, body } = await httpGet(`${options.url}/readyz`);
      if (status !== 200) throw new Error(`GET /readyz answered ${status}: ${body.slice(0, 200)}`);
      return true;
    });
  } catch (error) {
    await child.stop(5_000);
    throw error;
  }
  return { process: child, stop: () => child.stop(15_000) };
}
