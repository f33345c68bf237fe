import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkflowTypes, policyChangedSignal, slaQuery, slaWorkflowId, type Actor } from '@gotrs/contracts';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { FakeSlaStore, HOUR, plan, policy, skippingWorker, timeSkipping } from '../sla-support';
import { eventually, workflowBundle } from '../support';

const { EventType } = temporal.api.enums.v1;
const FIXTURE = join(__dirname, '..', 'fixtures', 'sla-enforcement-v4-replan.json');

jest.setTimeout(60_000);

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await timeSkipping();
});
afterAll(() => env?.teardown());

const ADMIN: Actor = { label: 'admin@example.com', method: 'gotrs-token', userId: '1', email: 'admin@example.com', keyId: null, keyName: null, onBehalfOf: null };

/** Done once `signals` signals are in the history and the workflow task after the last one completed. */
async function settledAfter(workflowId: string, signals: number): Promise<true | undefined> {
  const events = (await env.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const signalled = events.filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED).length;
  const idle = events.at(-1)?.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED || events.at(-1)?.eventType === EventType.EVENT_TYPE_TIMER_STARTED;
  return signalled >= signals && idle ? true : undefined;
}

describe('SLAEnforcementWorkflow on policy-changed', () => {
  it('re-plans under the new version (elapsed time kept), breaches a passed target at once, and ignores the same version again', async () => {
    const store = new FakeSlaStore();
    const taskQueue = `sla-replan-${randomUUID()}`;
    const worker = await skippingWorker(env, taskQueue, store.activities());
    const id = randomUUID();
    const workflowId = slaWorkflowId(id);
    const history = await worker.runUntil(async () => {
      const startedAt = await env.currentTimeMs();
      const handle = await env.client.workflow.start(WorkflowTypes.slaEnforcement, { workflowId, taskQueue, args: [id, { plan: plan(startedAt) }] });
      await eventually(() => (store.types().length >= 2 ? true : undefined));
      await env.sleep(2 * HOUR);
      const v4 = policy({ version: 4, targets: { FirstResponse: HOUR, Resolution: 48 * HOUR }, managers: ['head-of-support'] });
      await handle.signal(policyChangedSignal, { policy: v4, reason: 'applied to open tickets', actorIdentity: ADMIN });
      await eventually(() => (store.types().includes('escalate:FirstResponse:1') ? true : undefined));

      expect(store.types()).toEqual([
        'start:FirstResponse:1', 'start:Resolution:1', 'replan:FirstResponse:1', 'replan:Resolution:1', 'breach:FirstResponse:1', 'escalate:FirstResponse:1',
      ]);
      const replans = store.log.filter((e) => e.type === 'replan');
      expect(replans.map((e) => [e.reason, e.actor?.label, e.key])).toEqual([
        ['policy standard v3 → v4: applied to open tickets', 'admin@example.com', `${id}/FirstResponse/1/replan/v4`],
        ['policy standard v3 → v4: applied to open tickets', 'admin@example.com', `${id}/Resolution/1/replan/v4`],
      ]);
      expect(replans[1]!.dueAt).toBe(startedAt + 48 * HOUR);
      expect(store.breaches[0]).toMatchObject({ dueAt: startedAt + HOUR, actor: expect.objectContaining({ label: 'sla' }) });
      expect(store.replans.map((r) => r.plan.policy)).toEqual([{ name: 'standard', version: 4, reason: 'test' }]);
      expect(store.notices.at(-1)).toMatchObject({ kind: 'breach', managers: ['head-of-support'] });

      const recorded = store.log.length;
      await handle.signal(policyChangedSignal, { policy: v4, reason: 'applied again', actorIdentity: ADMIN });
      await eventually(() => settledAfter(workflowId, 2));
      expect(store.log.length).toBe(recorded);
      expect((await handle.query(slaQuery))?.plan.policy.version).toBe(4);
      const fetched = await handle.fetchHistory();
      await handle.terminate('test over');
      return fetched;
    });
    if (process.env.RECORD_REPLAY_FIXTURES === '1') writeFileSync(FIXTURE, historyToJSON(history));
    await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, 'sla-replan')).resolves.toBeUndefined();
  });

  it('ignores a policy of another name, or one the clock cannot run', async () => {
    const store = new FakeSlaStore();
    const taskQueue = `sla-replan-${randomUUID()}`;
    const worker = await skippingWorker(env, taskQueue, store.activities());
    const id = randomUUID();
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(WorkflowTypes.slaEnforcement, { workflowId: slaWorkflowId(id), taskQueue, args: [id, { plan: plan(await env.currentTimeMs()) }] });
      await eventually(() => (store.types().length >= 2 ? true : undefined));
      await handle.signal(policyChangedSignal, { policy: policy({ name: 'premium', version: 9 }) });
      await handle.signal(policyChangedSignal, { policy: policy({ version: 9, targets: { FirstResponse: -5 } }) });
      await handle.signal('policy-changed', { policy: 'not a policy' } as never);
      await eventually(() => settledAfter(slaWorkflowId(id), 3));
      expect(store.types()).toEqual(['start:FirstResponse:1', 'start:Resolution:1']);
      expect((await handle.query(slaQuery))?.plan.policy.version).toBe(3);
      await handle.terminate('test over');
    });
  });
});
