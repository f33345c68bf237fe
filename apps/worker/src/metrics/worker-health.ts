import type { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { Gauge, type Registry } from 'prom-client';

/** temporal.api.enums.v1.TaskQueueType */
const TASK_QUEUE_TYPES = { workflow: 1, activity: 2 } as const;
/** One DescribeTaskQueue answer serves every health request and scrape within this window. */
const CACHE_MS = 1_000;
const CHECK_TIMEOUT_MS = 2_000;

/** What GET /healthz answers (200 when `ok`, else 503). */
export interface HealthReport {
  ok: boolean;
  /** `connecting` (the first connection to Temporal), `running` or `stopping`. */
  phase: 'connecting' | 'running' | 'stopping';
  /** The SDK worker's state once it exists: RUNNING, DRAINING, STOPPED... */
  workerState: string | null;
  /** Whether Temporal lists this worker's identity among the pollers of the workflow and the activity queue. */
  polling: { workflow: boolean; activity: boolean };
  error?: string;
}

interface Running {
  worker: Worker;
  client: Client;
  taskQueue: string;
}

/**
 * The worker's health as Temporal sees it: running means the SDK worker is RUNNING and Temporal lists
 * this process's identity among the pollers of both of its queues (DescribeTaskQueue, bounded). A
 * worker that lost Temporal fails the call; a worker shutting down is not RUNNING.
 */
export class WorkerHealth {
  private phase: HealthReport['phase'] = 'connecting';
  private running: Running | undefined;
  private last: { at: number; report: Promise<HealthReport> } | undefined;

  /** The worker was built and polls from now on. */
  started(running: Running): void {
    this.running = running;
    this.phase = 'running';
    this.last = undefined;
  }

  /** Shutdown began: unhealthy from now on, without asking Temporal. */
  stopping(): void {
    this.phase = 'stopping';
    this.last = undefined;
  }

  check(): Promise<HealthReport> {
    if (this.last && Date.now() - this.last.at < CACHE_MS) return this.last.report;
    const report = this.evaluate();
    this.last = { at: Date.now(), report };
    return report;
  }

  private async evaluate(): Promise<HealthReport> {
    const workerState = this.running?.worker.getState() ?? null;
    const base = { phase: this.phase, workerState, polling: { workflow: false, activity: false } };
    if (this.phase !== 'running' || !this.running) return { ...base, ok: false, error: this.phase === 'connecting' ? 'connecting to Temporal' : 'shutting down' };
    if (workerState !== 'RUNNING') return { ...base, ok: false, error: `the worker is ${workerState}` };
    try {
      const polling = await this.pollers(this.running);
      const ok = polling.workflow && polling.activity;
      return { ...base, ok, polling, ...(ok ? {} : { error: 'Temporal does not list this worker among the pollers of its task queue' }) };
    } catch (error) {
      return { ...base, ok: false, error: `Temporal does not answer: ${(error as Error).message}` };
    }
  }

  private async pollers({ worker, client, taskQueue }: Running): Promise<HealthReport['polling']> {
    const identity = worker.options.identity;
    const polledBy = async (type: keyof typeof TASK_QUEUE_TYPES) => {
      const answer = await client.connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () =>
        client.connection.workflowService.describeTaskQueue({
          namespace: client.options.namespace, taskQueue: { name: taskQueue }, taskQueueType: TASK_QUEUE_TYPES[type],
        }),
      );
      return (answer.pollers ?? []).some((poller) => poller.identity === identity);
    };
    const [workflow, activity] = await Promise.all([polledBy('workflow'), polledBy('activity')]);
    return { workflow, activity };
  }
}

/** `gotrs_worker_polling`: 1 while /healthz would answer 200, else 0; evaluated at scrape time. */
export function registerHealthGauge(registry: Registry, health: WorkerHealth): void {
  new Gauge({
    name: 'gotrs_worker_polling',
    help: 'Whether the worker runs and Temporal lists it among the pollers of its task queue (1), or not (0): what /healthz answers.',
    registers: [registry],
    async collect() {
      this.set((await health.check()).ok ? 1 : 0);
    },
  });
}
