import { randomUUID } from 'node:crypto';
import { MAX_DURATION_MS, WorkflowTypes, slaWorkflowId, ticketStatusChangedSignal } from '@gotrs/contracts';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { FakeSlaStore, HOUR, MINUTE, plan, skippingWorker, timeSkipping } from '../sla-support';
import { eventually } from '../support';

const { EventType } = temporal.api.enums.v1;

jest.setTimeout(60_000);

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await timeSkipping();
});
afterAll(() => env?.teardown());

const started: string[] = [];

/** As in sla-enforcement.test.ts: a worker of fake activities; leftovers terminated afterwards. */
async function run<T>(store: FakeSlaStore, fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = `sla-reopen-${randomUUID()}`;
  const worker = await skippingWorker(env, taskQueue, store.activities());
  return worker.runUntil(async () => {
    try {
      return await fn(taskQueue);
    } finally {
      for (const workflowId of started.splice(0)) {
        await env.client.workflow.getHandle(workflowId).terminate('test over').catch(() => undefined);
      }
    }
  });
}

function startSla(taskQueue: string, id: string, config: unknown) {
  started.push(slaWorkflowId(id));
  return env.client.workflow.start(WorkflowTypes.slaEnforcement, { workflowId: slaWorkflowId(id), taskQueue, args: [id, config] });
}

const now = () => env.currentTimeMs();
const RESOLUTION_4H = { milestones: [{ name: 'FirstResponse' as const, targetMs: HOUR, pauseOn: [] }, { name: 'Resolution' as const, targetMs: 4 * HOUR, pauseOn: ['pending'] }] };

/** A promise and the function that settles it. */
function latch(): { wait: Promise<void>; open(): void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

const RECORDS = ['RecordSlaEventsActivity', 'SLABreachActivity'];

/** Whether the event is the marker of a (local) record activity that completed. */
function isRecordMarker(event: temporal.api.history.v1.IHistoryEvent): boolean {
  const marker = event.markerRecordedEventAttributes;
  if (event.eventType !== EventType.EVENT_TYPE_MARKER_RECORDED || marker?.markerName !== 'core_local_activity') return false;
  const data = JSON.parse(Buffer.from(marker.details?.data?.payloads?.[0]?.data ?? []).toString('utf8')) as { activity_type?: string };
  return RECORDS.includes(data.activity_type ?? '');
}

/** True once `completed` records (local activities) are in history and the last workflow task after them is done. */
async function waitingAfterActivities(handle: WorkflowHandle, completed: number): Promise<true | undefined> {
  const events = (await handle.fetchHistory()).events ?? [];
  const done = events.filter(isRecordMarker).length;
  // Commands (markers among them) follow their task's completion: idle when no task came after the last one.
  const tasks = events.map((e) => e.eventType).filter((t) => t === EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED || t === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
  const idle = tasks.at(-1) === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED;
  return done >= completed && idle ? true : undefined;
}

describe('SLAEnforcementWorkflow after a reopen', () => {
  it('started again with { resume } after it ended, restores the clocks and breaches a new Resolution cycle on time', async () => {
    const store = new FakeSlaStore();
    const id = randomUUID();
    await run(store, async (taskQueue) => {
      const first = await startSla(taskQueue, id, { plan: plan(await now(), RESOLUTION_4H) });
      await env.sleep(10 * MINUTE);
      await first.signal(ticketStatusChangedSignal, { status: 'closed successful' });
      await first.result();
      await env.sleep(HOUR);
      const reopenedAt = await now();
      const again = await startSla(taskQueue, id, { resume: { status: 'open', at: new Date(reopenedAt).toISOString() } });
      expect((await again.describe()).runId).not.toBe(first.firstExecutionRunId);
      await env.sleep(5 * HOUR);
      const breach = store.breaches.find((b) => b.cycle === 2)!;
      expect(breach).toMatchObject({ milestone: 'Resolution', dueAt: reopenedAt + 4 * HOUR });
      expect(breach.at - breach.dueAt!).toBeLessThan(1000);
      expect(store.notices.map((n) => `${n.kind}:${n.milestone}:${n.cycle}`)).toEqual(['warning:Resolution:2', 'breach:Resolution:2']);
    });
    expect(store.reasons('Resolution')).toEqual([
      'start:Resolution:1:ticket created',
      'meet:Resolution:1:ticket closed successful: resolved',
      'start:Resolution:2:ticket reopened',
      'warn:Resolution:2:warning point reached (80% of the target)',
      'breach:Resolution:2:target of 14400s business time passed without a resolution',
      'escalate:Resolution:2:escalation ladder started (1 levels)',
    ]);
    // FirstResponse stays as the close left it: one cycle, never restarted.
    expect(store.types('FirstResponse')).toEqual(['start:FirstResponse:1', 'meet:FirstResponse:1']);
  });

  it('still running when the reopen comes (a race with the close), opens the new cycle itself', async () => {
    const store = new FakeSlaStore();
    const id = randomUUID();
    const closing = latch();
    const held = latch();
    store.gate = async (progress) => {
      if (!progress.events.some((e) => e.type === 'meet' && e.milestone === 'Resolution')) return;
      held.open();
      await closing.wait;
    };
    await run(store, async (taskQueue) => {
      const handle = await startSla(taskQueue, id, { plan: plan(await now(), RESOLUTION_4H) });
      await handle.signal(ticketStatusChangedSignal, { status: 'closed successful' });
      await held.wait;
      const reopenedAt = await now();
      await handle.signal(ticketStatusChangedSignal, { status: 'open' });
      closing.open();
      await env.sleep(5 * HOUR);
      const breach = store.breaches.find((b) => b.cycle === 2)!;
      expect(breach.milestone).toBe('Resolution');
      // Due 4 h after the signal reached the workflow, a moment after the test read the clock.
      expect(breach.dueAt! - reopenedAt).toBeGreaterThanOrEqual(4 * HOUR);
      expect(breach.dueAt! - reopenedAt).toBeLessThan(4 * HOUR + 1000);
      expect((await handle.describe()).status.name).toBe('RUNNING');
    });
    expect(store.types('Resolution')).toEqual(['start:Resolution:1', 'meet:Resolution:1', 'start:Resolution:2', 'warn:Resolution:2', 'breach:Resolution:2', 'escalate:Resolution:2']);
  });

  it('does not drop a reopen that arrives while its last notices go out, after it decided to end', async () => {
    const store = new FakeSlaStore();
    const id = randomUUID();
    const notified = latch();
    const held = latch();
    let records = 0;
    store.gate = async () => {
      records += 1;
    };
    store.noticeGate = async () => {
      held.open();
      await notified.wait;
    };
    const milestones = [{ name: 'FirstResponse' as const, targetMs: 1000, pauseOn: [] }, { name: 'Resolution' as const, targetMs: 4 * HOUR, pauseOn: [] }];
    await run(store, async (taskQueue) => {
      const handle = await startSla(taskQueue, id, { plan: plan(await now(), { milestones }) });
      await held.wait; // the FirstResponse warning (after 0.8 s) is being told, and stays so
      await eventually(() => (store.types('FirstResponse').includes('escalate:FirstResponse:1') ? true : undefined));
      await handle.signal(ticketStatusChangedSignal, { status: 'closed successful' });
      // The close is recorded and the run has finished its task: now it only waits for the notices.
      await eventually(() => (store.types('Resolution').includes('meet:Resolution:1') ? true : undefined));
      await eventually(() => waitingAfterActivities(handle, records));
      await handle.signal(ticketStatusChangedSignal, { status: 'open' });
      notified.open();
      await env.sleep(5 * HOUR);
    });
    expect(store.types('Resolution')).toEqual(['start:Resolution:1', 'meet:Resolution:1', 'start:Resolution:2', 'warn:Resolution:2', 'breach:Resolution:2', 'escalate:Resolution:2']);
  });

  it("reopens an SLA a Go caller started with SLAConfig the same way, under the targets it gave", async () => {
    const store = new FakeSlaStore();
    const id = randomUUID();
    await run(store, async (taskQueue) => {
      const first = await startSla(taskQueue, id, { FirstResponseTime: 3600 * 1e9, ResolutionTime: 2 * 3600 * 1e9 });
      await first.signal(ticketStatusChangedSignal, { status: 'closed' });
      await first.result();
      const reopenedAt = await now();
      await startSla(taskQueue, id, { resume: { status: 'open', at: new Date(reopenedAt).toISOString() } });
      await env.sleep(3 * HOUR);
      expect(store.breaches.find((b) => b.milestone === 'Resolution')).toMatchObject({ cycle: 2, dueAt: reopenedAt + 2 * HOUR });
    });
    expect(store.types('Resolution')).toEqual(['start:Resolution:1', 'meet:Resolution:1', 'start:Resolution:2', 'warn:Resolution:2', 'breach:Resolution:2', 'escalate:Resolution:2']);
  });

  it('ends at once, recording nothing, when the reopened ticket never had an SLA', async () => {
    const store = new FakeSlaStore();
    const id = randomUUID();
    await run(store, async (taskQueue) => {
      const handle = await startSla(taskQueue, id, { resume: { status: 'open', at: new Date(await now()).toISOString() } });
      await expect(handle.result()).resolves.toBeNull();
    });
    expect(store.log).toEqual([]);
  });
});

describe('SLAEnforcementWorkflow input it cannot run', () => {
  it.each([
    ['a plan with a target beyond P366D', { plan: plan(Date.now(), { milestones: [{ name: 'Resolution', targetMs: MAX_DURATION_MS + 1, pauseOn: [] }] }) }],
    ['a plan on a calendar that never opens', { plan: plan(Date.now(), { calendar: { name: 'shut', timezone: 'UTC', week: { mon: ['09:00-17:00'] }, holidays: Array.from({ length: 53 * 7 }, (_, i) => new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(4, 10).replace(/^-/, '--')) } }) }],
    ["Go's SLAConfig with 99999999 days in nanoseconds", { FirstResponseTime: 99_999_999 * 86_400 * 1e9 }],
  ])('fails at once with invalid_input for %s, instead of failing its task forever', async (_, config) => {
    const store = new FakeSlaStore();
    const id = randomUUID();
    await run(store, async (taskQueue) => {
      const handle = await startSla(taskQueue, id, config);
      const failure = await handle.result().then(() => undefined, (error: unknown) => error);
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      expect((failure as WorkflowFailedError).cause).toMatchObject({ type: 'invalid_input', nonRetryable: true });
    });
    expect(store.log).toEqual([]);
  });
});
