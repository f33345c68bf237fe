import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkflowTypes, advanceEscalationSignal, assignUpdate, changeStatusUpdate, notificationWorkflowId, ticketWorkflowId } from '@gotrs/contracts';
import { ApplicationFailure } from '@temporalio/common';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { FakeEscalationStore, HOUR, ladder, startEscalation } from '../escalation-support';
import { FAST_SETTINGS, FakeTicketStore, createHarness, eventually, workflowBundle, type Harness } from '../support';

jest.setTimeout(60_000);

/**
 * Histories of the storable-input patch (apps/worker/src/workflows/input-patch.ts), replayed here and
 * with every other fixture by replay.test.ts; written with RECORD_REPLAY_FIXTURES=1:
 * - `*-v3`/`*-v2`: runs of the patched workflows over their new paths (refused text, data failures);
 * - `*-wedged-*`: runs of the workflows before the patch (commit d8979b7), wedged on a write
 *   PostgreSQL refused (fake activities throwing SQLSTATE 22021, retryable, as the old ones did).
 *   They were recorded once from that code and cannot be recorded again from this one.
 */
const FIXTURES = join(__dirname, '..', 'fixtures');
const WEDGED = [
  'ticket-lifecycle-wedged-v2.json', 'ticket-lifecycle-wedged-create-v2.json', 'notification-wedged-inapp-v1.json',
  'notification-wedged-log-v1.json', 'escalation-wedged-start-v1.json', 'escalation-wedged-advance-v1.json',
];

type History = temporal.api.history.v1.IHistory;

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness('storable-input-replay');
});
afterAll(() => harness.close());

const NUL = 'a\u0000b';

async function recordTicket(): Promise<History> {
  const store = new FakeTicketStore();
  // PostgreSQL refuses anything naming `poison`: the change and the record of its refusal alike.
  store.refuses = (change) => (change as { to?: unknown }).to === 'poison';
  const id = randomUUID();
  return harness.withWorker(store.activities(), async () => {
    const handle = await harness.client.workflow.start(WorkflowTypes.ticketLifecycle, { workflowId: ticketWorkflowId(id), taskQueue: harness.taskQueue, args: [id] });
    await handle.signal('assign-ticket', { AgentID: 'agent-7', Reason: NUL });
    await handle.executeUpdate(assignUpdate, { args: [{ agentId: 'agent-8', reason: NUL }] }).catch(() => undefined);
    await handle.signal('assign-ticket', { AgentID: 'poison' });
    await handle.executeUpdate(assignUpdate, { args: [{ agentId: 'poison' }] }).catch(() => undefined);
    await handle.executeUpdate(assignUpdate, { args: [{ agentId: 'agent-9' }] });
    await handle.executeUpdate(changeStatusUpdate, { args: [{ status: 'closed' }] });
    await handle.result();
    expect(store.actions(id)).toEqual(['created:new', 'rejected:{"AgentID":"agent-7","Reason":"a\\u0000b"}', 'assigned:agent-9', 'status-changed:closed successful']);
    return handle.fetchHistory();
  });
}

async function recordNotification(): Promise<History> {
  let logs = 0;
  const refused = () => ApplicationFailure.nonRetryable('PostgreSQL refused the data (SQLSTATE 22021)', 'InvalidDataError');
  const activities = {
    GetWorkflowSettingsActivity: async () => FAST_SETTINGS,
    SendInAppNotificationActivity: async () => {
      throw refused();
    },
    LogNotificationActivity: async () => {
      logs += 1;
      if (logs === 1) throw refused();
    },
  };
  const id = randomUUID();
  return harness.withWorker(activities, async () => {
    const handle = await harness.client.workflow.start(WorkflowTypes.notification, {
      workflowId: notificationWorkflowId(id), taskQueue: harness.taskQueue,
      args: [{ id, ticketId: 't-1', recipient: 'agent-9', channel: 'in-app', subject: 'S', body: 'B', event: 'ad-hoc' }],
    });
    expect(await handle.result()).toMatchObject({ status: 'failed' });
    return handle.fetchHistory();
  });
}

async function recordEscalation(): Promise<History> {
  const store = new FakeEscalationStore();
  const id = store.addTicket();
  return harness.withWorker(store.activities(), async () => {
    const handle = await startEscalation(harness.client, harness.taskQueue, id, ladder(3, HOUR));
    await eventually(() => (store.fired.length === 1 ? true : undefined));
    await handle.signal(advanceEscalationSignal, { Level: 0, Reason: 'zero level' } as never);
    await eventually(() => (store.fired.length === 2 ? true : undefined));
    await handle.signal(advanceEscalationSignal, { reason: NUL });
    await handle.signal(advanceEscalationSignal, { reason: 'last' });
    expect(await handle.result()).toMatchObject({ stopped: 'ladder-complete' });
    return handle.fetchHistory();
  });
}

describe('replay of the storable-input patch', () => {
  it.each([
    ['ticket-lifecycle-v3.json', recordTicket],
    ['notification-v2.json', recordNotification],
    ['escalation-v2.json', recordEscalation],
  ])('replays a fresh run over the new paths (%s)', async (fixture, record) => {
    const history = await record();
    if (process.env.RECORD_REPLAY_FIXTURES === '1') writeFileSync(join(FIXTURES, fixture), historyToJSON(history));
    await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, fixture)).resolves.toBeUndefined();
  });

  it.each(WEDGED)('replays %s, a run wedged before the patch, as it ran', async (fixture) => {
    const history = historyFromJSON(JSON.parse(readFileSync(join(FIXTURES, fixture), 'utf8')));
    await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, fixture)).resolves.toBeUndefined();
  });
});
