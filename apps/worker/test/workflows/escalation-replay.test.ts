import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { advanceEscalationSignal } from '@gotrs/contracts';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { FakeEscalationStore, HOUR, startEscalation } from '../escalation-support';
import { localActivities, patchMarkers, scheduledActivities } from '../history-shape';
import { FAST_SETTINGS, createHarness, eventually, workflowBundle, type Harness } from '../support';

jest.setTimeout(60_000);

/**
 * Records an EscalationWorkflow history and replays it. With RECORD_REPLAY_FIXTURES=1 the history is
 * written as the newest fixture, which replay.test.ts replays with every other one.
 */
const FIXTURE = join(__dirname, '..', 'fixtures', 'escalation-v5-settings-memo.json');

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness('escalation-replay');
});
afterAll(() => harness.close());

/** A run over every path: a timed level, an advance, a jump that skips, an ignored advance, the agent signal. */
async function recordRun(): Promise<temporal.api.history.v1.IHistory> {
  const store = new FakeEscalationStore();
  const id = store.addTicket();
  const rules = [
    { level: 1, waitMs: 100, condition: 'unresolved', notify: ['team-lead'] },
    { level: 2, waitMs: HOUR, condition: 'unresolved', assignAgent: 'agent-9' },
    { level: 3, waitMs: HOUR, condition: 'unresolved', raisePriorityTo: 5 },
    { level: 4, waitMs: HOUR, condition: 'unanswered' },
    { level: 5, waitMs: HOUR, condition: 'unanswered' },
  ];
  return harness.withWorker(store.activities(), async () => {
    const handle = await startEscalation(harness.client, harness.taskQueue, id, rules, false, { workflowSettings: FAST_SETTINGS });
    await eventually(() => (store.fired.length === 2 ? true : undefined));
    await handle.signal(advanceEscalationSignal, { reason: 'VIP', level: 4, actor: 'lead' });
    await eventually(() => (store.fired.length === 3 ? true : undefined));
    await handle.signal(advanceEscalationSignal, { reason: 'again', level: 1 });
    store.ticket(id).answered = true;
    await handle.signal(advanceEscalationSignal, { reason: 'next' });
    const outcome = await handle.result();
    expect(outcome).toMatchObject({ skipped: [3], stopped: 'condition-cleared' });
    return handle.fetchHistory();
  });
}

describe('EscalationWorkflow replay', () => {
  it('replays a fresh run covering waits, advances, a jump and the stop', async () => {
    const history = await recordRun();
    if (process.env.RECORD_REPLAY_FIXTURES === '1') writeFileSync(FIXTURE, historyToJSON(history));
    const result = await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, 'fresh');
    expect(result).toBeUndefined();
    // The compact shape with the settings from the memo (as the SLA starts a ladder): one patch marker,
    // and the ladder's records and notices as local activities; none asks for the settings.
    expect(patchMarkers(history)).toEqual(['settings-in-memo']);
    expect(scheduledActivities(history)).toEqual([]);
    expect(localActivities(history)).toEqual(expect.arrayContaining(['RecordEscalationStartActivity', 'EscalateToNextLevelActivity', 'NotifyEscalationActivity', 'RecordEscalationEndActivity']));
    expect(localActivities(history)).not.toContain('GetWorkflowSettingsActivity');
  });
});
