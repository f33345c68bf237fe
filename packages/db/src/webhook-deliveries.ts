import type { Pool } from 'pg';
import { appendEvents } from './event-writes';
import { decodeCursor, encodeCursor } from './cursor';
import type { Page } from './ticket-reads';
import { inTransaction } from './transaction';

/** One attempt of the delivery log. */
export interface WebhookDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  webhookId: string;
  attempt: number;
  outcome: 'delivered' | 'failed' | 'given-up';
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  response: string | null;
  attemptedAt: string;
}

export type NewWebhookDelivery = Omit<WebhookDelivery, 'id' | 'attemptedAt'>;

interface DeliveryRow {
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  webhook_id: string;
  attempt: number;
  outcome: WebhookDelivery['outcome'];
  status_code: number | null;
  latency_ms: number;
  error: string | null;
  response: string | null;
  attempted_at: Date;
}

const COLUMNS = 'id::text, subscription_id, event_id::text, event_type, webhook_id, attempt, outcome, status_code, latency_ms, error, response, attempted_at';

const toDelivery = (r: DeliveryRow): WebhookDelivery => ({
  id: r.id, subscriptionId: r.subscription_id, eventId: r.event_id, eventType: r.event_type, webhookId: r.webhook_id, attempt: r.attempt,
  outcome: r.outcome, statusCode: r.status_code, latencyMs: r.latency_ms, error: r.error, response: r.response, attemptedAt: r.attempted_at.toISOString(),
});

/** The attempt already recorded under this key (a retried activity answers it instead of sending again), or null. */
export async function findDeliveryAttempt(pool: Pool, subscriptionId: string, eventId: string, attempt: number): Promise<WebhookDelivery | null> {
  const { rows } = await pool.query<DeliveryRow>(
    `SELECT ${COLUMNS} FROM webhook_deliveries WHERE subscription_id = $1 AND event_id = $2 AND attempt = $3`,
    [subscriptionId, eventId, attempt],
  );
  return rows[0] ? toDelivery(rows[0]) : null;
}

/**
 * Records an attempt (once per subscription, event and attempt) and what it says of the
 * subscription: a delivery clears `failing_since`; a failure sets it if it is not set, and when it
 * is at least `disableAfterMs` old the subscription is disabled, with a `webhook.disabled` event, in
 * the same transaction. Answers whether the subscription is now disabled.
 */
export async function recordDeliveryAttempt(pool: Pool, d: NewWebhookDelivery, disableAfterMs: number): Promise<{ disabled: boolean }> {
  return inTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, webhook_id, attempt, outcome, status_code, latency_ms, error, response)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (subscription_id, event_id, attempt) DO NOTHING`,
      [d.subscriptionId, d.eventId, d.eventType, d.webhookId, d.attempt, d.outcome, d.statusCode, d.latencyMs, d.error, d.response],
    );
    if (d.outcome === 'delivered') {
      await client.query('UPDATE webhook_subscriptions SET failing_since = NULL, last_delivered_at = now() WHERE id = $1', [d.subscriptionId]);
      return { disabled: false };
    }
    const { rows } = await client.query<{ disable: boolean; url: string; failing_since: Date }>(
      `UPDATE webhook_subscriptions SET failing_since = coalesce(failing_since, now())
        WHERE id = $1 AND status = 'active' AND deleted_at IS NULL
        RETURNING url, failing_since, failing_since <= now() - make_interval(secs => $2::double precision / 1000) AS disable`,
      [d.subscriptionId, disableAfterMs],
    );
    const row = rows[0];
    if (!row?.disable) return { disabled: false };
    const reason = `every delivery failed since ${row.failing_since.toISOString()} (webhooks.disable_after); last: ${d.error ?? 'failed'}`;
    await client.query(
      `UPDATE webhook_subscriptions SET status = 'disabled', disabled_at = now(), disabled_reason = $2, updated_at = now() WHERE id = $1`,
      [d.subscriptionId, reason],
    );
    await appendEvents(client, [{
      key: `webhook-disabled:${d.subscriptionId}:${d.eventId}:${d.attempt}`, type: 'webhook.disabled', ticketId: null, at: new Date(),
      data: { webhookId: d.subscriptionId, url: row.url, failingSince: row.failing_since.toISOString(), reason },
    }]);
    return { disabled: true };
  });
}

type DeliveryCursor = [string];
const isDeliveryCursor = (v: unknown): v is DeliveryCursor => Array.isArray(v) && v.length === 1 && typeof v[0] === 'string' && /^[1-9][0-9]{0,18}$/.test(v[0]);

/** A subscription's attempts, newest first; the cursor is the id of the last one seen. */
export async function listWebhookDeliveries(pool: Pool, subscriptionId: string, limit: number, cursor?: string): Promise<Page<WebhookDelivery>> {
  const [before] = cursor ? decodeCursor(cursor, isDeliveryCursor) : ['9223372036854775807'];
  const { rows } = await pool.query<DeliveryRow>(
    `SELECT ${COLUMNS} FROM webhook_deliveries WHERE subscription_id = $1 AND id < $2::bigint ORDER BY id DESC LIMIT $3`,
    [subscriptionId, before, limit + 1],
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(toDelivery), nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null };
}
