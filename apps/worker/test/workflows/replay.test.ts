import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkflowTypes, changeStatusUpdate, assignUpdate, recordResponseUpdate, slaWorkflowId, ticketWorkflowId } from '@gotrs/contracts';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import type { temporal } from '@temporalio/proto';
import { FakeSlaStore, HOUR, plan } from '../sla-support';
import { FakeTicketStore, createHarness, workflowBundle, type Harness } from '../support';

jest.setTimeout(60_000);

/**
 * Histories recorded from earlier versions of the workflows. Every change to workflow code must
 * still replay them (or guard the change with `patched()`). Record a new one with
 * RECORD_REPLAY_FIXTURES=1 when a version ships.
 */
const FIXTURES = join(__dirname, '..', 'fixtures');

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness('replay');
});
afterAll(() => harness.close());

type History = temporal.api.history.v1.IHistory;

/**
 * A ticket and its SLA through every path: Go signals, a refused signal, updates, a refused update,
 * a response, a pause and the close.
 */
async function recordRun(): Promise<{ ticket: History; sla: History }> {
  const store = new FakeTicketStore();
  const slas = new FakeSlaStore();
  const id = randomUUID();
  return harness.withWorker({ ...store.activities(), ...slas.activities() }, async () => {
    const handle = await harness.client.workflow.start(WorkflowTypes.ticketLifecycle, {
      workflowId: ticketWorkflowId(id),
      taskQueue: harness.taskQueue,
      args: [id],
    });
    const sla = await harness.client.workflow.start(WorkflowTypes.slaEnforcement, {
      workflowId: slaWorkflowId(id), taskQueue: harness.taskQueue, args: [id, { plan: plan(Date.now(), {
        milestones: [{ name: 'FirstResponse', targetMs: HOUR, pauseOn: [] }, { name: 'Resolution', targetMs: 8 * HOUR, pauseOn: ['pending'] }],
      }) }],
    });
    await handle.executeUpdate(recordResponseUpdate, { args: [{ agentId: 'agent-7' }] });
    await handle.signal('assign-ticket', { AgentID: 'agent-7' });
    await handle.signal('update-status', 'merged-ish');
    await handle.executeUpdate(assignUpdate, { args: [{ agentId: 'agent-8', reason: 'shift change' }] });
    await handle.executeUpdate(changeStatusUpdate, {
      args: [{ status: 'pending reminder', pendingUntil: new Date(Date.now() + 3_600_000).toISOString() }],
    }).then(() => handle.executeUpdate(changeStatusUpdate, { args: [{ status: 'new' }] })).catch(() => undefined);
    await handle.executeUpdate(changeStatusUpdate, { args: [{ status: 'open' }] });
    await handle.signal('update-status', 'closed');
    await handle.result();
    await sla.result();
    return { ticket: await handle.fetchHistory(), sla: await sla.fetchHistory() };
  });
}

describe('workflow replay', () => {
  it('replays a fresh ticket run and its SLA: signals, updates, refusals, a response, a pause and the close', async () => {
    const { ticket, sla } = await recordRun();
    if (process.env.RECORD_REPLAY_FIXTURES === '1') {
      writeFileSync(join(FIXTURES, 'ticket-lifecycle-v2.json'), historyToJSON(ticket));
      writeFileSync(join(FIXTURES, 'sla-enforcement-v1.json'), historyToJSON(sla));
    }
    const bundle = { workflowBundle: await workflowBundle() };
    await expect(Worker.runReplayHistory(bundle, ticket, 'fresh-ticket')).resolves.toBeUndefined();
    await expect(Worker.runReplayHistory(bundle, sla, 'fresh-sla')).resolves.toBeUndefined();
  });

  it('replays every recorded history without nondeterminism', async () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    const histories = files.map((file) => ({
      workflowId: file,
      history: historyFromJSON(JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'))),
    }));
    const results = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, histories)) {
      results.push(result);
    }
    expect(results.map((r) => ({ id: r.workflowId, error: r.error?.message }))).toEqual(
      files.map((file) => ({ id: file, error: undefined })),
    );
  });
});
