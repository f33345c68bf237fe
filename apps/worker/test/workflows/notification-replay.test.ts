import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkflowTypes, notificationWorkflowId, type NotificationRequest } from '@gotrs/contracts';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { localActivities, patchMarkers, scheduledActivities } from '../history-shape';
import { FAST_SETTINGS, createHarness, workflowBundle, type Harness } from '../support';

jest.setTimeout(60_000);

/**
 * NotificationWorkflow's first recorded history (fixtures/notification-v1.json); replay.test.ts replays
 * it with every later one. RECORD_REPLAY_FIXTURES=1 writes this code's run as the newest fixture.
 */
const FIXTURE = join(__dirname, '..', 'fixtures', 'notification-v1.json');
const NEWEST = join(__dirname, '..', 'fixtures', 'notification-v4-compact.json');

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness('notification-replay');
});
afterAll(() => harness.close());

/**
 * Every path of one run: the notify-hours timer, email retried until it gives up (two attempts, to keep
 * the test quick: Temporal retries at most once a second), the in-app fallback, the log.
 */
async function recordRun() {
  const n: NotificationRequest = {
    id: randomUUID(), ticketId: 't-1', recipient: 'agent-9', channel: 'email', subject: 'S', body: 'B', event: 'ticket.assigned',
    deliverAfter: new Date(Date.now() + 300).toISOString(),
  };
  const activities = {
    GetWorkflowSettingsActivity: async () => ({ ...FAST_SETTINGS, retryPolicy: { ...FAST_SETTINGS.retryPolicy, maximumAttempts: 2 } }),
    SendEmailActivity: async () => {
      throw new Error('SMTP: ECONNECTION connect ECONNREFUSED');
    },
    SendInAppNotificationActivity: async () => ({ inAppAt: new Date().toISOString() }),
    LogNotificationActivity: async () => undefined,
  };
  return harness.withWorker(activities, async () => {
    const handle = await harness.client.workflow.start(WorkflowTypes.notification, {
      workflowId: notificationWorkflowId(n.id), taskQueue: harness.taskQueue, args: [n],
    });
    expect(await handle.result()).toMatchObject({ status: 'fallback' });
    return handle.fetchHistory();
  });
}

describe('NotificationWorkflow replay', () => {
  it('replays a fresh run and the recorded one without nondeterminism', async () => {
    const history = await recordRun();
    if (process.env.RECORD_REPLAY_FIXTURES === '1') writeFileSync(NEWEST, historyToJSON(history));
    const bundle = { workflowBundle: await workflowBundle() };
    await expect(Worker.runReplayHistory(bundle, history, 'fresh')).resolves.toBeUndefined();
    const recorded = historyFromJSON(JSON.parse(readFileSync(FIXTURE, 'utf8')));
    await expect(Worker.runReplayHistory(bundle, recorded, 'notification-v1')).resolves.toBeUndefined();
    // The compact shape: one patch marker; the in-app delivery and the log are local activities; only
    // the email is an activity task (its retries are the server's), so its claim outlives a crashed worker.
    expect(patchMarkers(history)).toEqual(['compact-history']);
    expect(scheduledActivities(history)).toEqual(['SendEmailActivity']);
    expect(localActivities(history)).toEqual(['GetWorkflowSettingsActivity', 'SendInAppNotificationActivity', 'LogNotificationActivity']);
  });
});
