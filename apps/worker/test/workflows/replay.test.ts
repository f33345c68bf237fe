import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkflowTypes, changeStatusUpdate, assignUpdate, ticketWorkflowId } from '@gotrs/contracts';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import type { temporal } from '@temporalio/proto';
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

/** A run that touches every path: Go signals, a refused signal, updates, a refused update, close. */
async function recordRun(): Promise<temporal.api.history.v1.IHistory> {
  const store = new FakeTicketStore();
  const id = randomUUID();
  return harness.withWorker(store.activities(), async () => {
    const handle = await harness.client.workflow.start(WorkflowTypes.ticketLifecycle, {
      workflowId: ticketWorkflowId(id),
      taskQueue: harness.taskQueue,
      args: [id],
    });
    await handle.signal('assign-ticket', { AgentID: 'agent-7' });
    await handle.signal('update-status', 'merged-ish');
    await handle.executeUpdate(assignUpdate, { args: [{ agentId: 'agent-8', reason: 'shift change' }] });
    await handle.executeUpdate(changeStatusUpdate, {
      args: [{ status: 'pending reminder', pendingUntil: new Date(Date.now() + 3_600_000).toISOString() }],
    }).then(() => handle.executeUpdate(changeStatusUpdate, { args: [{ status: 'new' }] })).catch(() => undefined);
    await handle.signal('update-status', 'closed');
    await handle.result();
    return handle.fetchHistory();
  });
}

describe('TicketLifecycleWorkflow replay', () => {
  it('replays a fresh run covering signals, updates, refusals and the close', async () => {
    const history = await recordRun();
    if (process.env.RECORD_REPLAY_FIXTURES === '1') {
      writeFileSync(join(FIXTURES, 'ticket-lifecycle-v1.json'), historyToJSON(history));
    }
    const result = await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, 'fresh');
    expect(result).toBeUndefined();
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
