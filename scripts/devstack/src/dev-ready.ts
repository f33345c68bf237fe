import type { DependencyWatch } from './dependency-watch';
import { httpGet } from './http-probe';
import { log } from './log';
import type { Supervisor } from './supervisor';
import { workerIdentity, type TaskQueuePollers } from './task-queue-pollers';
import { GiveUpError, waitFor } from './wait';

/** What "ready" is made of: the worker polling its task queue, and the API's /readyz. */
export interface Readiness {
  worker: Supervisor;
  pollers: TaskQueuePollers;
  taskQueue: string;
  apiUrl: string;
  dependencies: DependencyWatch;
  signal: AbortSignal;
}

/** Throws (a reason for the timeout message) unless the worker's current run polls both queues. */
async function assertWorkerPolls(r: Readiness): Promise<void> {
  const worker = r.worker.current;
  if (!worker || worker.hasExited()) throw new Error('the worker is not running (it is being restarted)');
  const polls = await r.pollers.polledBy(workerIdentity(worker.pid));
  const missing = (['workflow', 'activity'] as const).filter((queue) => !polls[queue]);
  if (missing.length > 0) throw new Error(`the worker (pid ${worker.pid}) does not poll the ${missing.join(' and ')} task queue ${r.taskQueue} yet`);
}

async function assertApiReady(apiUrl: string): Promise<void> {
  const { status, body } = await httpGet(`${apiUrl}/readyz`);
  if (status === 200) return;
  let detail = '';
  try {
    detail = `: ${(JSON.parse(body) as { detail?: string }).detail ?? body}`;
  } catch {
    // not a problem body
  }
  throw new Error(`GET /readyz answered ${status}${detail}`);
}

/**
 * Resolves once the worker polls the workflow and the activity task queue (Temporal lists a poller
 * with its identity) and the API's GET /readyz answers 200. Gives up at once when a dependency died.
 */
export async function waitUntilReady(r: Readiness, timeoutMs: number): Promise<void> {
  await waitFor(
    async () => {
      if (r.dependencies.died.length > 0) throw new GiveUpError(`${r.dependencies.died.join('; ')} before the stack was ready`);
      await assertWorkerPolls(r);
      await assertApiReady(r.apiUrl);
      return true;
    },
    { timeoutMs, intervalMs: 250, description: `the worker to poll ${r.taskQueue} and ${r.apiUrl}/readyz to answer 200`, signal: r.signal },
  );
}

/**
 * After a restart, says once `probe` passes for run `run` of `supervisor` (`what` happens again);
 * silent when it was stopped or restarted again meanwhile (its supervisor tells about that).
 */
export function announceWhenBack(supervisor: Supervisor, run: number, what: string, probe: () => Promise<void>, signal: AbortSignal): void {
  waitFor(
    async () => {
      if (supervisor.runCount !== run) throw new GiveUpError('restarted again');
      await probe();
      return true;
    },
    { timeoutMs: 120_000, intervalMs: 500, description: what, signal },
  ).then(
    () => log(`run ${run}: ${what} again`),
    () => undefined,
  );
}

/** The probes {@link announceWhenBack} uses for the worker and the API. */
export const backProbes = {
  worker: (r: Readiness) => () => assertWorkerPolls(r),
  api: (apiUrl: string) => async () => {
    const { status } = await httpGet(`${apiUrl}/healthz`);
    if (status !== 200) throw new Error(`GET /healthz answered ${status}`);
  },
};
