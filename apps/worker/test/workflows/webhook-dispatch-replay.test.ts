import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WEBHOOK_DISPATCH_WORKFLOW, webhookDispatchWorkflowId, webhookWakeSignal } from '@gotrs/contracts';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import type { WebhookBatch } from '@gotrs/db';
import type { DeliverInput, DeliverRunInput, WebhookDispatchSettings } from '../../src/activities/webhook-activities';
import { createHarness, eventually, workflowBundle, type Harness } from '../support';

jest.setTimeout(60_000);

/**
 * WebhookDispatchWorkflow's recorded history (fixtures/webhook-dispatch-v1.json, also replayed with
 * every other fixture by replay.test.ts). Record it again with RECORD_REPLAY_FIXTURES=1 when a version ships.
 */
const FIXTURE = join(__dirname, '..', 'fixtures', 'webhook-dispatch-v1.json');

const SETTINGS: WebhookDispatchSettings = {
  retry: { initialIntervalMs: 100, backoffCoefficient: 100, maximumIntervalMs: 60_000, retryForMs: 10_000 }, batchSize: 10, waitForEventsMs: 60_000, attemptTimeoutMs: 5000,
};

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness('webhook-dispatch-replay');
});
afterAll(() => harness.close());

/**
 * Every path of one run: a batch of two events (first attempts in runs), the first failing once then delivered, the second
 * failing until it is given up (retry_for 10 s: the first wait, 100 ms, fits in it; the second, 10 s, does not); an empty batch and the wait, ended by a wake-up signal;
 * then the subscription found deleted.
 */
async function recordRun() {
  const attempts: DeliverInput[] = [];
  let reads = 0;
  const deliver = async (input: DeliverInput) => {
    attempts.push(input);
    const delivered = input.eventId === '11' && input.attempt === 2;
    return { outcome: delivered ? 'delivered' : input.lastAttempt ? 'given-up' : 'failed', statusCode: delivered ? 200 : 500, error: delivered ? null : 'answered 500', disabled: false } as const;
  };
  const activities = {
    GetWebhookSettingsActivity: async () => SETTINGS,
    ReadWebhookBatchActivity: async (): Promise<WebhookBatch> => {
      reads++;
      if (reads === 1) return { status: 'active', events: [{ id: '11', type: 'ticket.created' }, { id: '12', type: 'sla.breach' }], scannedThrough: '12' };
      if (reads === 2) return { status: 'active', events: [], scannedThrough: '15' };
      return { status: 'deleted', events: [], scannedThrough: '15' };
    },
    DeliverWebhookActivity: deliver,
    DeliverWebhookRunActivity: async (input: DeliverRunInput) => {
      for (const [handled, event] of input.events.entries()) {
        const result = await deliver({ subscriptionId: input.subscriptionId, eventId: event.id, eventType: event.type, attempt: 1, lastAttempt: input.lastAttempt });
        if (result.outcome !== 'delivered') return { handled, last: result };
      }
      return { handled: input.events.length };
    },
  };
  const id = randomUUID();
  return harness.withWorker(activities, async () => {
    const handle = await harness.client.workflow.start(WEBHOOK_DISPATCH_WORKFLOW, { workflowId: webhookDispatchWorkflowId(id), taskQueue: harness.taskQueue, args: [{ subscriptionId: id }] });
    await eventually(async () => (reads >= 2 ? true : undefined));
    await handle.signal(webhookWakeSignal);
    expect(await handle.result()).toEqual({ subscriptionId: id, stopped: 'deleted', after: '15' });
    expect(attempts.map((a) => [a.eventId, a.attempt, a.lastAttempt])).toEqual([
      ['11', 1, false], ['11', 2, true], ['12', 1, false], ['12', 2, true],
    ]);
    return handle.fetchHistory();
  });
}

describe('WebhookDispatchWorkflow', () => {
  it('delivers in order, retries with backoff, gives up after retry_for, wakes on the signal, stops when deleted; and replays', async () => {
    const history = await recordRun();
    if (process.env.RECORD_REPLAY_FIXTURES === '1') writeFileSync(FIXTURE, historyToJSON(history));
    const bundle = { workflowBundle: await workflowBundle() };
    await expect(Worker.runReplayHistory(bundle, history, 'fresh')).resolves.toBeUndefined();
    const recorded = historyFromJSON(JSON.parse(readFileSync(FIXTURE, 'utf8')));
    await expect(Worker.runReplayHistory(bundle, recorded, 'webhook-dispatch-v1')).resolves.toBeUndefined();
  });

  it('fails a run started with an input it cannot read, without retrying', async () => {
    await harness.withWorker({}, async () => {
      const handle = await harness.client.workflow.start(WEBHOOK_DISPATCH_WORKFLOW, { workflowId: `webhook-dispatch-bad-${randomUUID()}`, taskQueue: harness.taskQueue, args: [{ subscriptionId: 'x; DROP' }] });
      await expect(handle.result()).rejects.toMatchObject({ cause: { type: 'invalid_input' } });
    });
  });
});
