import { randomUUID } from 'node:crypto';
import { WorkflowTypes, escalationWorkflowId, milestoneCompleteSignal, slaWorkflowId, ticketStatusChangedSignal } from '@gotrs/contracts';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { FakeSlaStore, HOUR, MINUTE, plan, skippingWorker, timeSkipping } from '../sla-support';

jest.setTimeout(60_000);

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await timeSkipping();
});
afterAll(() => env?.teardown());

const started: string[] = [];

/**
 * Runs a test with a worker of fake activities. Workflows still running afterwards are terminated:
 * on the shared time-skipping server their timers would fire with no worker to take the tasks, and
 * that outstanding work would stop time skipping for the next test.
 */
async function run<T>(store: FakeSlaStore, fn: (worker: Worker, taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = `sla-${randomUUID()}`;
  const worker = await skippingWorker(env, taskQueue, store.activities());
  return worker.runUntil(async () => {
    try {
      return await fn(worker, taskQueue);
    } finally {
      for (const workflowId of started.splice(0)) {
        await env.client.workflow.getHandle(workflowId).terminate('test over').catch(() => undefined);
      }
    }
  });
}

async function startSla(taskQueue: string, id: string, config: unknown) {
  started.push(slaWorkflowId(id));
  return env.client.workflow.start(WorkflowTypes.slaEnforcement, { workflowId: slaWorkflowId(id), taskQueue, args: [id, config] });
}

const now = async () => (await env.currentTimeMs());

describe('SLAEnforcementWorkflow', () => {
  it('breaches a 24-hour resolution target at its due time, verified in seconds of wall time', async () => {
    const store = new FakeSlaStore();
    const id = randomUUID();
    const wallStart = Date.now();
    await run(store, async (_worker, taskQueue) => {
      const startedAt = await now();
      await startSla(taskQueue, id, { plan: plan(startedAt) });
      await env.sleep(25 * HOUR);
      const breaches = store.breaches.map((b) => ({ milestone: b.milestone, lateMs: b.at - b.dueAt! }));
      expect(breaches.map((b) => b.milestone)).toEqual(['FirstResponse', 'Resolution']);
      expect(store.breaches.map((b) => b.dueAt)).toEqual([startedAt + 4 * HOUR, startedAt + 24 * HOUR]);
      for (const b of breaches) expect(b.lateMs).toBeLessThan(1000);
    });
    expect(Date.now() - wallStart).toBeLessThan(20_000);
    expect(store.types()).toEqual([
      'start:FirstResponse:1', 'start:Resolution:1',
      'warn:FirstResponse:1', 'breach:FirstResponse:1', 'escalate:FirstResponse:1',
      'warn:Resolution:1', 'breach:Resolution:1', 'escalate:Resolution:1',
    ]);
    expect(store.notices.map((n) => `${n.kind}:${n.milestone}`)).toEqual(['warning:FirstResponse', 'breach:FirstResponse', 'warning:Resolution', 'breach:Resolution']);
    expect(store.notices[1]).toMatchObject({ managers: ['support-manager'], policy: 'standard', cycle: 1 });
  });

  it('starts the escalation ladder once per breached milestone, as a child with a business-key ID', async () => {
    const store = new FakeSlaStore();
    const id = randomUUID();
    await run(store, async (_worker, taskQueue) => {
      await startSla(taskQueue, id, { plan: plan(await now()) });
      await env.sleep(5 * HOUR);
      const child = env.client.workflow.getHandle(escalationWorkflowId(id, 'sla:FirstResponse:1'));
      const described = await child.describe();
      expect(described.type).toBe(WorkflowTypes.escalation);
      expect(described.parentExecution?.workflowId).toBe(slaWorkflowId(id));
    });
  });

  it('meets the first response on FirstResponse-complete and never breaches it', async () => {
    const store = new FakeSlaStore();
    const id = randomUUID();
    await run(store, async (_worker, taskQueue) => {
      const handle = await startSla(taskQueue, id, { plan: plan(await now()) });
      await env.sleep(30 * MINUTE);
      await handle.signal(milestoneCompleteSignal('FirstResponse'), { actor: 'agent-7' });
      await env.sleep(6 * HOUR);
    });
    expect(store.types('FirstResponse')).toEqual(['start:FirstResponse:1', 'meet:FirstResponse:1']);
    const first = store.latest.find((c) => c.name === 'FirstResponse')!;
    expect(first.breachedAt).toBeNull();
    expect(first.elapsedMs).toBeGreaterThanOrEqual(30 * MINUTE);
    expect(first.elapsedMs).toBeLessThan(30 * MINUTE + 1000);
  });

  it('pauses resolution while pending and resumes on open, never counting the pause', async () => {
    const store = new FakeSlaStore();
    const id = randomUUID();
    await run(store, async (_worker, taskQueue) => {
      const startedAt = await now();
      const handle = await startSla(taskQueue, id, { plan: plan(startedAt) });
      await handle.signal(milestoneCompleteSignal('FirstResponse'));
      await env.sleep(HOUR);
      await handle.signal(ticketStatusChangedSignal, { status: 'pending reminder' });
      await env.sleep(10 * HOUR);
      await handle.signal(ticketStatusChangedSignal, { status: 'open' });
      await env.sleep(24 * HOUR);
      const breach = store.breaches.find((b) => b.milestone === 'Resolution')!;
      expect(breach.dueAt! - startedAt).toBeGreaterThanOrEqual(34 * HOUR); // 24 h + 10 h paused
      expect(breach.dueAt! - startedAt).toBeLessThan(34 * HOUR + MINUTE);
    });
    expect(store.types('Resolution')).toEqual(['start:Resolution:1', 'pause:Resolution:1', 'resume:Resolution:1', 'warn:Resolution:1', 'breach:Resolution:1', 'escalate:Resolution:1']);
  });

  it('ends when the ticket is closed, with resolution met', async () => {
    const store = new FakeSlaStore();
    const id = randomUUID();
    await run(store, async (_worker, taskQueue) => {
      const handle = await startSla(taskQueue, id, { plan: plan(await now()) });
      await env.sleep(2 * HOUR);
      await handle.signal(ticketStatusChangedSignal, { status: 'closed successful' });
      const result = await handle.result();
      expect(result.clocks.map((c: { name: string; metAt: number | null; breachedAt: number | null }) => [c.name, c.metAt !== null, c.breachedAt])).toEqual([['FirstResponse', true, null], ['Resolution', true, null]]);
    });
    expect(store.breaches).toEqual([]);
  });

  it('takes Go\'s SLAConfig with nanosecond durations, on the default policy\'s other settings', async () => {
    const store = new FakeSlaStore();
    const id = randomUUID();
    await run(store, async (_worker, taskQueue) => {
      const startedAt = await now();
      await startSla(taskQueue, id, { FirstResponseTime: 2 * 3600 * 1e9, ResolutionTime: 8 * 3600 * 1e9 });
      await env.sleep(9 * HOUR);
      expect(store.plans[0]).toMatchObject({ calendar: { name: '24x7' }, policy: { name: 'standard', reason: 'targets given by the caller (24x7)' } });
      expect(store.breaches.map((b) => [b.milestone, Math.round((b.dueAt! - startedAt) / MINUTE)])).toEqual([['FirstResponse', 120], ['Resolution', 480]]);
    });
  });

  it('restarts the update clock on each agent update and breaches a missed one', async () => {
    const store = new FakeSlaStore();
    const id = randomUUID();
    const milestones = [{ name: 'Update' as const, targetMs: 2 * HOUR, pauseOn: ['pending'] }];
    await run(store, async (_worker, taskQueue) => {
      const handle = await startSla(taskQueue, id, { plan: plan(await now(), { milestones, escalation: [] }) });
      await env.sleep(HOUR);
      await handle.signal(milestoneCompleteSignal('Update'), { actor: 'agent-7' });
      await env.sleep(3 * HOUR);
    });
    expect(store.types()).toEqual(['start:Update:1', 'meet:Update:1', 'start:Update:2', 'warn:Update:2', 'breach:Update:2']);
  });
});
