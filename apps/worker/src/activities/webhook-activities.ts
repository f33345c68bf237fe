import type { WebhookSettings } from '@gotrs/config';
import { escapeUnstorable, webhookMessageId, type EventType } from '@gotrs/contracts';
import { findDeliveryAttempt, loadDeliveryContext, readWebhookBatch, recordDeliveryAttempt, type DispatchStatus, type StoredEvent } from '@gotrs/db';
import { SecretBox, TargetRefusedError, attemptDelivery, resolveTarget, signatureHeader, type AttemptResult } from '@gotrs/webhooks';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { classified } from './activity-errors';

export interface WebhookActivityDeps {
  pool: Pool;
  logger: Logger;
  webhooks: WebhookSettings;
}

/** What the dispatcher workflow needs to know (never the secret key: this is recorded in its history). */
export interface WebhookDispatchSettings {
  retry: WebhookSettings['retry'];
  batchSize: number;
  /** How long an idle dispatcher waits for a wake-up before it looks again. */
  waitForEventsMs: number;
  /** Bound of one attempt: resolve, connect and answer. */
  attemptTimeoutMs: number;
}

export interface DeliverInput {
  subscriptionId: string;
  eventId: string;
  eventType: EventType;
  attempt: number;
  /** No retry follows a failure of this attempt: it is logged as `given-up`. */
  lastAttempt: boolean;
}

/** One attempt's outcome; `inactive` when the subscription was disabled or deleted meanwhile, `skipped` when its event was pruned. */
export interface DeliverResult {
  outcome: 'delivered' | 'failed' | 'given-up' | 'inactive' | 'skipped';
  status?: DispatchStatus;
  statusCode: number | null;
  error: string | null;
  /** This failure disabled the subscription (webhooks.disable_after). */
  disabled: boolean;
}

export interface DeliverRunInput {
  subscriptionId: string;
  /** In event-log order. */
  events: Array<{ id: string; type: EventType }>;
  /** A failed first attempt is the last one (webhooks.retry.retry_for shorter than the first wait). */
  lastAttempt: boolean;
}

/** `handled` events were delivered (or skipped); `last` is the result of the next one, which stopped the run, if any. */
export interface DeliverRunResult {
  handled: number;
  last?: DeliverResult;
}

/** A run of first attempts returns after this, so that its activity stays short. */
const RUN_BUDGET_MS = 10_000;

/** The JSON body of an event's webhook, as Standard Webhooks suggests: type, timestamp, data. */
export function webhookBody(event: StoredEvent): string {
  return JSON.stringify({
    type: event.type,
    timestamp: event.occurredAt,
    data: { eventId: event.id, ticketId: event.ticketId, at: event.occurredAt, recordedAt: event.createdAt, change: event.data },
  });
}

export function createWebhookActivities(deps: WebhookActivityDeps) {
  const { pool, logger, webhooks } = deps;
  const box = new SecretBox(webhooks.secretKey);

  async function attempt(url: string, sealed: string[], eventId: string, body: string): Promise<AttemptResult> {
    try {
      const secrets = sealed.map((s) => box.open(s));
      const target = await resolveTarget(url, { allowPrivate: webhooks.allowPrivateTargets, timeoutMs: webhooks.connectTimeoutMs });
      const id = webhookMessageId(eventId);
      const timestamp = new Date();
      const headers = { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)), 'webhook-signature': signatureHeader(secrets, id, timestamp, body) };
      return await attemptDelivery({ target, headers, body, connectTimeoutMs: webhooks.connectTimeoutMs, responseTimeoutMs: webhooks.responseTimeoutMs, maxResponseBytes: webhooks.maxResponseBytes });
    } catch (error) {
      // A refused target or a secret that does not open fails this attempt like an answer would: retried, then disabled.
      const why = error instanceof TargetRefusedError ? `refused: ${error.message}` : (error as Error).message;
      return { delivered: false, statusCode: null, latencyMs: 0, error: why, responseExcerpt: null };
    }
  }

  async function deliverOnce(input: DeliverInput): Promise<DeliverResult> {
    const logged = await findDeliveryAttempt(pool, input.subscriptionId, input.eventId, input.attempt);
    if (logged) return { outcome: logged.outcome, statusCode: logged.statusCode, error: logged.error, disabled: false };
    const ctx = await loadDeliveryContext(pool, input.subscriptionId, input.eventId);
    if (ctx.status !== 'active') return { outcome: 'inactive', status: ctx.status, statusCode: null, error: null, disabled: false };
    if (!ctx.event) {
      logger.warn({ subscriptionId: input.subscriptionId, eventId: input.eventId }, 'webhook event pruned from the event log before delivery; skipped');
      return { outcome: 'skipped', statusCode: null, error: 'the event was pruned from the event log', disabled: false };
    }
    const result = await attempt(ctx.url, ctx.secrets, input.eventId, webhookBody(ctx.event));
    const outcome = result.delivered ? 'delivered' : input.lastAttempt ? 'given-up' : 'failed';
    const { disabled } = await recordDeliveryAttempt(pool, {
      subscriptionId: input.subscriptionId, eventId: input.eventId, eventType: input.eventType, webhookId: webhookMessageId(input.eventId),
      attempt: input.attempt, outcome, statusCode: result.statusCode, latencyMs: result.latencyMs,
      error: result.error && escapeUnstorable(result.error), response: result.responseExcerpt && escapeUnstorable(result.responseExcerpt),
    }, webhooks.disableAfterMs);
    if (disabled) logger.warn({ subscriptionId: input.subscriptionId, url: ctx.url }, 'webhook subscription disabled: its deliveries kept failing');
    return { outcome, statusCode: result.statusCode, error: result.error, disabled };
  }

  return classified(logger, {
    /** Local activity: the dispatcher's settings from the worker's configuration. */
    async GetWebhookSettingsActivity(): Promise<WebhookDispatchSettings> {
      return {
        retry: webhooks.retry, batchSize: webhooks.batchSize, waitForEventsMs: webhooks.waitForEventsMs,
        attemptTimeoutMs: 2 * webhooks.connectTimeoutMs + webhooks.responseTimeoutMs,
      };
    },

    /** Stores the dispatcher's position and answers the next events of the subscription after it (at once, none or some). */
    async ReadWebhookBatchActivity(input: { subscriptionId: string; after: string | null }) {
      return readWebhookBatch(pool, input.subscriptionId, input.after === null ? null : BigInt(input.after), webhooks.batchSize);
    },

    /**
     * One attempt to deliver an event (idempotent: an attempt already logged is answered from the
     * log, not sent again), logged with its status, latency and error.
     */
    DeliverWebhookActivity: deliverOnce,

    /**
     * The first attempt of each event in turn, in order, stopping at the first that is not delivered
     * (or after RUN_BUDGET_MS): one activity for a run of events, so that a busy subscription is not
     * held to one Temporal round trip per event. Answers how many were dealt with and the result that
     * stopped the run.
     */
    async DeliverWebhookRunActivity(input: DeliverRunInput): Promise<DeliverRunResult> {
      const started = Date.now();
      for (const [handled, event] of input.events.entries()) {
        if (handled > 0 && Date.now() - started > RUN_BUDGET_MS) return { handled };
        const result = await deliverOnce({ subscriptionId: input.subscriptionId, eventId: event.id, eventType: event.type, attempt: 1, lastAttempt: input.lastAttempt });
        if (result.outcome !== 'delivered' && result.outcome !== 'skipped') return { handled, last: result };
      }
      return { handled: input.events.length };
    },
  });
}
