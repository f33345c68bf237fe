import { ApplicationFailure, condition, continueAsNew, log, proxyActivities, proxyLocalActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import { DATA_FAILURE_TYPES, FailureTypes, webhookWakeSignal, type EventType, type WebhookDispatchInput, type WebhookDispatchResult } from '@gotrs/contracts';
import type { Activities } from '../activities';
import type { WebhookDispatchSettings } from '../activities/webhook-activities';
import { failureMessage, isDataFailure } from './activity-failures';
import { isLastAttempt, backoffMs, laterEventId } from './webhook-backoff';

/** Reads and attempts per run before it continues as new, so that its history stays small. */
const STEPS_PER_RUN = 500;

function decodeInput(input: unknown): { subscriptionId: string; after: string | null } {
  const { subscriptionId, after } = (input ?? {}) as Partial<WebhookDispatchInput>;
  const valid = typeof subscriptionId === 'string' && /^[0-9a-f-]{36}$/.test(subscriptionId) && (after === undefined || (typeof after === 'string' && /^[0-9]{1,19}$/.test(after)));
  if (!valid) throw ApplicationFailure.nonRetryable(`invalid WebhookDispatchWorkflow input: ${JSON.stringify(input)}`, FailureTypes.invalidInput);
  return { subscriptionId, after: after ?? null };
}

function stubs(settings: WebhookDispatchSettings) {
  const retry = { initialInterval: 1000, maximumInterval: 30_000, nonRetryableErrorTypes: [...DATA_FAILURE_TYPES] };
  const { ReadWebhookBatchActivity } = proxyActivities<Activities>({ startToCloseTimeout: 30_000, retry });
  const { DeliverWebhookActivity } = proxyActivities<Activities>({ startToCloseTimeout: settings.attemptTimeoutMs + 30_000, retry });
  return { read: ReadWebhookBatchActivity, deliver: DeliverWebhookActivity };
}

type Stubs = ReturnType<typeof stubs>;
type Stop = WebhookDispatchResult['stopped'];

/**
 * Attempts one event until it is delivered or given up (retry_for after its first attempt), waiting
 * the backoff between attempts on a durable timer. Answers why the dispatcher must stop, or null.
 */
async function deliverEvent(s: Stubs, settings: WebhookDispatchSettings, subscriptionId: string, event: { id: string; type: EventType }, counter: { steps: number }): Promise<Stop | null> {
  const first = Date.now();
  for (let attempt = 1; ; attempt++) {
    counter.steps++;
    const lastAttempt = isLastAttempt(settings.retry, attempt, Date.now() - first);
    let result;
    try {
      result = await s.deliver({ subscriptionId, eventId: event.id, eventType: event.type, attempt, lastAttempt });
    } catch (error) {
      if (!isDataFailure(error)) throw error;
      log.error('webhook attempt cannot be logged; the event is skipped', { subscriptionId, eventId: event.id, error: failureMessage(error) });
      return null;
    }
    if (result.outcome === 'inactive') return result.status === 'active' || result.status === undefined ? 'missing' : result.status;
    if (result.disabled) return 'disabled';
    if (result.outcome !== 'failed') return null;
    await sleep(backoffMs(settings.retry, attempt));
  }
}

/**
 * One subscription's deliveries (`webhook-dispatch-{subscriptionId}`): the events of its types, in
 * event-log order, one at a time. Each is attempted until delivered or given up; a failing event
 * holds the later ones back meanwhile. Idle, it waits for a `webhook-wake` signal (the worker sends one
 * when events of its types are committed) or its next look (webhooks.wait_for_events). Ends when the subscription is disabled or deleted (the API
 * also cancels it on delete); continues as new every few hundred steps.
 */
export async function WebhookDispatchWorkflow(input: WebhookDispatchInput): Promise<WebhookDispatchResult> {
  const { subscriptionId, after: start } = decodeInput(input);
  const { GetWebhookSettingsActivity } = proxyLocalActivities<Activities>({ startToCloseTimeout: '10 seconds' });
  const settings = await GetWebhookSettingsActivity();
  const s = stubs(settings);
  let after = start;
  const counter = { steps: 0 };
  let woken = false;
  setHandler(webhookWakeSignal, () => {
    woken = true;
  });
  for (;;) {
    counter.steps++;
    // Cleared before the read: a wake-up that comes while it runs is not lost.
    woken = false;
    const batch = await s.read({ subscriptionId, after });
    if (batch.status !== 'active') return { subscriptionId, stopped: batch.status, after: after ?? batch.scannedThrough };
    for (const event of batch.events) {
      const stop = await deliverEvent(s, settings, subscriptionId, event, counter);
      if (stop) return { subscriptionId, stopped: stop, after: after ?? event.id };
      after = laterEventId(after, event.id);
    }
    after = laterEventId(after, batch.scannedThrough);
    if (batch.events.length === 0) await condition(() => woken, settings.waitForEventsMs);
    if (counter.steps >= STEPS_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof WebhookDispatchWorkflow>({ subscriptionId, after });
    }
  }
}
