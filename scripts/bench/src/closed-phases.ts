/**
 * The closed-loop phases of `bench:api`: N of something with a fixed number in flight, timed from
 * the first call to the drain (every row written and every SLA armed, then no notification left
 * running), with each process's CPU over the same span.
 */
import { randomUUID } from 'node:crypto';
import type { BenchStack } from './bench-stack';
import { describeLoad } from './machine';
import { runInParallel } from './figures';
import { bareStart, clientCreate, drainNotifications, drainTickets, gatewayRequest } from './ticket-work';

/** What one phase did: how many, how long (calls only, and until drained), CPU seconds per process. */
export interface PhaseResult {
  name: string;
  count: number;
  /** Seconds from the first call to the last answer. */
  callSeconds: number;
  /** Seconds from the first call to the drain (equal to callSeconds for bare starts). */
  drainedSeconds: number;
  /** CPU seconds each process used over the phase and its drain. */
  cpu: Record<string, number>;
  /** Statuses other than success (gateway: 201), by status. */
  failures: Record<string, number>;
  /** The created tickets (client and gateway phases). */
  ids: string[];
  load: string;
}

export interface PhaseOptions {
  count: number;
  concurrency: number;
}

function cpuDelta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([name, value]) => [name, value - (before[name] ?? 0)]));
}

async function timed(
  bench: BenchStack,
  name: string,
  options: PhaseOptions,
  call: (index: number) => Promise<{ id?: string; failure?: string }>,
  drain: (ids: string[]) => Promise<void>,
): Promise<PhaseResult> {
  const cpuBefore = bench.cpu();
  const startedAt = performance.now();
  const ids: string[] = [];
  const failures: Record<string, number> = {};
  await runInParallel(Array.from({ length: options.count }, (_, i) => i), options.concurrency, async (index) => {
    const { id, failure } = await call(index);
    if (id) ids.push(id);
    if (failure) failures[failure] = (failures[failure] ?? 0) + 1;
  });
  const calledAt = performance.now();
  await drain(ids);
  const drainedAt = performance.now();
  return {
    name, count: options.count, ids, failures, load: describeLoad(),
    callSeconds: (calledAt - startedAt) / 1000,
    drainedSeconds: (drainedAt - startedAt) / 1000,
    cpu: cpuDelta(cpuBefore, bench.cpu()),
  };
}

/** Bare starts of a workflow no worker runs, on a task queue nobody polls: the server's ceiling. */
export function barePhase(bench: BenchStack, options: PhaseOptions): Promise<PhaseResult> {
  const taskQueue = `bench-bare-${randomUUID()}`;
  return timed(bench, 'bare workflow starts', options, async () => {
    try {
      await bareStart(bench, taskQueue);
      return {};
    } catch (error) {
      return { failure: (error as Error).name };
    }
  }, async () => undefined);
}

async function drainAll(bench: BenchStack, ids: string[]): Promise<void> {
  await drainTickets(bench, ids);
  await drainNotifications(bench);
}

/** The gateway's create done with @temporalio/client (two starts and the `ticket-persisted` Update). */
export function clientPhase(bench: BenchStack, options: PhaseOptions, customer?: string): Promise<PhaseResult> {
  return timed(bench, 'the same work via @temporalio/client', options, async (index) => {
    try {
      return { id: await clientCreate(bench, { title: `bench client ${index}`, customerUserId: customer }) };
    } catch (error) {
      return { failure: (error as Error).name };
    }
  }, (ids) => drainAll(bench, ids));
}

/** `POST /api/v1/tickets` through the gateway; a 202 (row not written yet) counts, its row is drained. */
export function gatewayPhase(bench: BenchStack, options: PhaseOptions, customer?: string): Promise<PhaseResult> {
  return timed(bench, 'via the gateway (POST /api/v1/tickets)', options, async (index) => {
    const body = { title: `bench gateway ${index}`, ...(customer ? { customerUserId: customer } : {}) };
    const answer = await gatewayRequest(bench, 'POST', '/api/v1/tickets', body);
    if (answer.status === 201) return { id: answer.id };
    return { id: answer.id, failure: String(answer.status) };
  }, (ids) => drainAll(bench, ids));
}
