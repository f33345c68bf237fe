import { randomUUID } from 'node:crypto';
import { testEnv } from '@gotrs/devstack/testing';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { FakeEscalationStore, HOUR, startEscalation } from '../escalation-support';
import { workflowBundle } from '../support';

jest.setTimeout(60_000);

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Another test file in this Jest worker installed it first: keep that one.
  }
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testEnv().temporalTestServerPath } },
  });
});
afterAll(() => env?.teardown());

async function withWorker<T>(store: FakeEscalationStore, fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = `escalation-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: store.activities() });
  return worker.runUntil(fn(taskQueue));
}

const RULES = [
  { level: 1, waitMs: HOUR, condition: 'unanswered', notify: ['team-lead'] },
  { level: 2, waitMs: 4 * HOUR, condition: 'unanswered', raisePriorityTo: 4 },
  { level: 3, waitMs: 8 * HOUR, condition: 'unanswered', notify: ['head-of-support'] },
];

describe('EscalationWorkflow on the time-skipping test server', () => {
  it('climbs a 3-level ladder with hour-long waits in seconds of wall time', async () => {
    const store = new FakeEscalationStore();
    const id = store.addTicket();
    const wallStart = Date.now();
    const outcome = await withWorker(store, async (taskQueue) => (await startEscalation(env.client, taskQueue, id, RULES)).result());
    expect(Date.now() - wallStart).toBeLessThan(15_000);
    expect(outcome).toMatchObject({ stopped: 'ladder-complete' });
    const at = outcome.fired.map((f) => Date.parse(f.at));
    expect(outcome.fired.map((f) => f.level)).toEqual([1, 2, 3]);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(HOUR);
    expect(at[1]! - at[0]!).toBeLessThan(HOUR + 60_000);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(4 * HOUR);
    expect(at[2]! - at[1]!).toBeLessThan(4 * HOUR + 60_000);
    expect(store.ticket(id)).toMatchObject({ level: 3, priority: 4 });
  });

  it('stops the ladder once the ticket is answered during a wait', async () => {
    const store = new FakeEscalationStore();
    const id = store.addTicket();
    const outcome = await withWorker(store, async (taskQueue) => {
      const handle = await startEscalation(env.client, taskQueue, id, RULES);
      await env.sleep(2 * HOUR);
      expect(store.levels()).toEqual([1, 2]);
      store.ticket(id).answered = true;
      return handle.result();
    });
    expect(outcome).toMatchObject({ stopped: 'condition-cleared', detail: 'condition "unanswered" no longer holds at level 3' });
    expect(store.ticket(id).level).toBe(2);
  });
});
