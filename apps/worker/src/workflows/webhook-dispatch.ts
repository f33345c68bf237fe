import { ApplicationFailure, condition, continueAsNew, log, proxyActivities, proxyLocalActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import { DATA_FAILURE_TYPES, FailureTypes, webhookWakeSignal, type EventType, type WebhookDispatchInput, type WebhookDispatchResult } from '@gotrs/contracts';
import type { Activities } from '../activities';
import type { WebhookDispatchSettings } from '../activities/webhook-activities';
import { failureMessage } from '@gotrs/contracts';
import { isDataFailure } from './activity-failures';
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
  // A run returns after its 10 s budget, once the attempt in progress is done.
  const { DeliverWebhookRunActivity } = proxyActivities<Activities>({ startToCloseTimeout: settings.attemptTimeoutMs + 40_000, retry });
  return { read: ReadWebhookBatchActivity, deliver: DeliverWebhookActivity, deliverRun: DeliverWebhookRunActivity };
}

type Stubs = ReturnType<typeof stubs>;
type Stop = WebhookDispatchResult['stopped'];
type Event = { id: string; type: EventType };
type Attempted = Awaited<ReturnType<Stubs['deliver']>>;

/** Why an attempt's result stops the dispatcher, or null. */
function stopOf(result: Attempted): Stop | null {
  if (result.outcome === 'inactive') return result.status === 'disabled' || result.status === 'deleted' ? result.status : 'missing';
  return result.disabled ? 'disabled' : null;
}

/**
 * Attempts one event from `attempt` on, until it is delivered or given up (retry_for after its first
 * attempt, made at `firstAt`), waiting the backoff before each retry on a durable timer. Answers why
 * the dispatcher must stop, or null.
 */
async function deliverEvent(s: Stubs, settings: WebhookDispatchSettings, subscriptionId: string, event: Event, from: { attempt: number; firstAt: number }, counter: { steps: number }): Promise<Stop | null> {
  for (let attempt = from.attempt; ; attempt++) {
    if (attempt > 1) await sleep(backoffMs(settings.retry, attempt - 1));
    counter.steps++;
    const lastAttempt = isLastAttempt(settings.retry, attempt, Date.now() - from.firstAt);
    let result: Attempted;
    try {
      result = await s.deliver({ subscriptionId, eventId: event.id, eventType: event.type, attempt, lastAttempt });
    } catch (error) {
      if (!isDataFailure(error)) throw error;
      log.error('webhook attempt cannot be logged; the event is skipped', { subscriptionId, eventId: event.id, error: failureMessage(error) });
      return null;
    }
    const stop = stopOf(result);
    if (stop || result.outcome !== 'failed') return stop;
  }
}

/**
 * Delivers `events` in order: first attempts in runs (one activity for many events), and an event
 * whose first attempt failed is retried on its own before the next one goes. `done` hears of each
 * event dealt with (delivered, skipped or given up).
 */
async function deliverEvents(s: Stubs, settings: WebhookDispatchSettings, subscriptionId: string, events: Event[], counter: { steps: number }, done: (id: string) => void): Promise<Stop | null> {
  let pending = events;
  while (pending.length > 0) {
    counter.steps++;
    const firstAt = Date.now();
    let run: Awaited<ReturnType<Stubs['deliverRun']>>;
    try {
      run = await s.deliverRun({ subscriptionId, events: pending, lastAttempt: isLastAttempt(settings.retry, 1, 0) });
    } catch (error) {
      if (!isDataFailure(error)) throw error;
      // Which event it was is not known: the rest go one at a time, each skipped on its own should it fail so.
      for (const event of pending) {
        const stop = await deliverEvent(s, settings, subscriptionId, event, { attempt: 1, firstAt: Date.now() }, counter);
        if (stop) return stop;
        done(event.id);
      }
      return null;
    }
    for (const event of pending.slice(0, run.handled)) done(event.id);
    if (!run.last) {
      pending = pending.slice(run.handled);
      continue;
    }
    const failed = pending[run.handled]!;
    const stop = stopOf(run.last) ?? (run.last.outcome === 'failed' ? await deliverEvent(s, settings, subscriptionId, failed, { attempt: 2, firstAt }, counter) : null);
    if (stop) return stop;
    done(failed.id);
    pending = pending.slice(run.handled + 1);
  }
  return null;
}

/**
 * One subscription's deliveries (`webhook-dispatch-{subscriptionId}`): the events of its types, in
 * event-log order, one at a time (first attempts in runs of one activity). Each is attempted until
 * delivered or given up; a failing event holds the later ones back meanwhile. Idle, it waits for a `webhook-wake` signal (the worker sends one
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
    const stop = await deliverEvents(s, settings, subscriptionId, batch.events, counter, (id) => {
      after = laterEventId(after, id);
    });
    if (stop) return { subscriptionId, stopped: stop, after: after ?? batch.scannedThrough };
    after = laterEventId(after, batch.scannedThrough);
    if (batch.events.length === 0) await condition(() => woken, settings.waitForEventsMs);
    if (counter.steps >= STEPS_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof WebhookDispatchWorkflow>({ subscriptionId, after });
    }
  }
}
