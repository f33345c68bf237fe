import { randomUUID } from 'node:crypto';
import { WorkflowTypes, slaWorkflowId } from '@gotrs/contracts';
import { WorkflowFailedError } from '@temporalio/client';
import { slaQuery } from '@gotrs/contracts';
import { FakeSlaStore } from '../sla-support';
import { createHarness, eventually, type Harness } from '../support';

jest.setTimeout(30_000);

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness('sla-go-config');
});
afterAll(() => harness.close());

const HOUR_NS = 3_600_000_000_000;

function start(config: unknown) {
  const id = randomUUID();
  return harness.client.workflow.start(WorkflowTypes.slaEnforcement, { workflowId: slaWorkflowId(id), taskQueue: harness.taskQueue, args: [id, config] });
}

describe("SLAEnforcementWorkflow and Go's SLAConfig", () => {
  it('takes a zero ResolutionTime as "no Resolution clock"', async () => {
    const store = new FakeSlaStore();
    const milestones = await harness.withWorker(store.activities(), async () => {
      const handle = await start({ FirstResponseTime: 2 * HOUR_NS, ResolutionTime: 0 });
      const sla = await eventually(async () => (await handle.query(slaQuery)) ?? undefined);
      await handle.terminate('test done');
      return sla.plan.milestones.map((m) => `${m.name}:${m.targetMs}`);
    });
    expect(milestones).toEqual(['FirstResponse:7200000']);
  });

  it('fails a start whose target is above P366D with invalid_input naming the bound', async () => {
    const store = new FakeSlaStore();
    const error = await harness.withWorker(store.activities(), async () => (await start({ FirstResponseTime: 400 * 24 * HOUR_NS })).result().catch((e: unknown) => e));
    expect(error).toBeInstanceOf(WorkflowFailedError);
    expect((error as WorkflowFailedError).cause).toMatchObject({ type: 'invalid_input', message: expect.stringContaining('P366D') });
  });
});
