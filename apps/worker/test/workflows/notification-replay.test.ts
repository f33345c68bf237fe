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
const NEWEST = join(__dirname, '..', 'fixtures', 'notification-v5-settings-memo.json');

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness('notification-replay');
});
afterAll(() => harness.close());

const SETTINGS = { ...FAST_SETTINGS, retryPolicy: { ...FAST_SETTINGS.retryPolicy, maximumAttempts: 2 } };

/**
 * Every path of one run, started with `memo` as the worker's notifier starts it: the notify-hours timer, email retried until it gives up (two attempts, to keep
 * the test quick: Temporal retries at most once a second), the in-app fallback, the log.
 */
async function recordRun(memo: Record<string, unknown>) {
  const n: NotificationRequest = {
    id: randomUUID(), ticketId: 't-1', recipient: 'agent-9', channel: 'email', subject: 'S', body: 'B', event: 'ticket.assigned',
    deliverAfter: new Date(Date.now() + 300).toISOString(),
  };
  const activities = {
    GetWorkflowSettingsActivity: async () => SETTINGS,
    SendEmailActivity: async () => {
      throw new Error('SMTP: ECONNECTION connect ECONNREFUSED');
    },
    SendInAppNotificationActivity: async () => ({ inAppAt: new Date().toISOString() }),
    LogNotificationActivity: async () => undefined,
  };
  return harness.withWorker(activities, async () => {
    const handle = await harness.client.workflow.start(WorkflowTypes.notification, {
      workflowId: notificationWorkflowId(n.id), taskQueue: harness.taskQueue, args: [n], memo,
    });
    expect(await handle.result()).toMatchObject({ status: 'fallback' });
    return handle.fetchHistory();
  });
}

describe('NotificationWorkflow replay', () => {
  it('replays a fresh run and the recorded one without nondeterminism', async () => {
    const history = await recordRun({ workflowSettings: SETTINGS });
    if (process.env.RECORD_REPLAY_FIXTURES === '1') writeFileSync(NEWEST, historyToJSON(history));
    const bundle = { workflowBundle: await workflowBundle() };
    await expect(Worker.runReplayHistory(bundle, history, 'fresh')).resolves.toBeUndefined();
    const recorded = historyFromJSON(JSON.parse(readFileSync(FIXTURE, 'utf8')));
    await expect(Worker.runReplayHistory(bundle, recorded, 'notification-v1')).resolves.toBeUndefined();
    // The compact shape with the settings from the memo: one patch marker; the in-app delivery and the
    // log are local activities, and none asks for the settings; only the email is an activity task (its
    // retries are the server's), so its claim outlives a crashed worker.
    expect(patchMarkers(history)).toEqual(['settings-in-memo']);
    expect(scheduledActivities(history)).toEqual(['SendEmailActivity']);
    expect(localActivities(history)).toEqual(['SendInAppNotificationActivity', 'LogNotificationActivity']);
  });

  it.each([
    ['no settings (a Go caller)', {}],
    ['settings of another shape', { workflowSettings: { retryPolicy: 'fast', startToCloseTimeoutMs: -1 } }],
    ['settings with a zero where a count must be', { workflowSettings: { ...SETTINGS, continueAsNewAfterEvents: 0 } }],
    ['a timeout past the 366-day ceiling', { workflowSettings: { ...SETTINGS, startToCloseTimeoutMs: 1e15 } }],
  ])('asks the worker for its settings, in the compact shape, when the memo holds %s', async (_case, memo) => {
    const history = await recordRun(memo);
    await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, 'no-memo-settings')).resolves.toBeUndefined();
    expect(patchMarkers(history)).toEqual(['compact-history']);
    expect(localActivities(history)).toEqual(['GetWorkflowSettingsActivity', 'SendInAppNotificationActivity', 'LogNotificationActivity']);
  });
});
