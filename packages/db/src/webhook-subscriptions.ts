import type { Pool } from 'pg';
import { cursorInstantSql, decodeCursor, encodeCursor, isCursorInstant, isCursorText } from './cursor';
import type { Page } from './ticket-reads';

/** A subscription as the API shows it: never its secret. */
export interface WebhookSubscription {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  status: 'active' | 'disabled';
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** The first failed attempt since the last delivered one; null while deliveries succeed. */
  failingSince: string | null;
  lastDeliveredAt: string | null;
  disabledAt: string | null;
  disabledReason: string | null;
  /** After a rotation: until when the previous secret signs too. */
  previousSecretExpiresAt: string | null;
}

/** What a create stores; `secret` as sealed by the caller. */
export interface NewWebhookSubscription {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  secret: string;
  createdBy: string;
}

/** There are as many subscriptions as `webhooks.max_subscriptions` allows. */
export class WebhookLimitError extends Error {
  override name = 'WebhookLimitError';
  constructor(readonly limit: number) {
    super(`there are already ${limit} webhook subscriptions (webhooks.max_subscriptions)`);
  }
}

interface SubscriptionRow {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  status: 'active' | 'disabled';
  created_by: string;
  created_at: Date;
  updated_at: Date;
  failing_since: Date | null;
  last_delivered_at: Date | null;
  disabled_at: Date | null;
  disabled_reason: string | null;
  previous_secret_expires_at: Date | null;
}

const COLUMNS = `id, url, events, description, status, created_by, created_at, updated_at, failing_since, last_delivered_at,
  disabled_at, disabled_reason, CASE WHEN previous_secret_expires_at > now() THEN previous_secret_expires_at END AS previous_secret_expires_at`;
const iso = (d: Date | null) => d?.toISOString() ?? null;

function toSubscription(r: SubscriptionRow): WebhookSubscription {
  return {
    id: r.id, url: r.url, events: r.events, description: r.description, status: r.status, createdBy: r.created_by,
    createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(), failingSince: iso(r.failing_since),
    lastDeliveredAt: iso(r.last_delivered_at), disabledAt: iso(r.disabled_at), disabledReason: r.disabled_reason,
    previousSecretExpiresAt: iso(r.previous_secret_expires_at),
  };
}

/** Serialises creates, so that two at once cannot both pass the limit. */
const CREATE_LOCK = 7_117_002;

/**
 * Stores a subscription that hears of the events committed from now on (its cursor is the log's
 * head); WebhookLimitError when `limit` live subscriptions exist.
 */
export async function createWebhookSubscription(pool: Pool, sub: NewWebhookSubscription, limit: number): Promise<WebhookSubscription> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [CREATE_LOCK]);
    const { rows: [count] } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_subscriptions WHERE deleted_at IS NULL');
    if (count!.n >= limit) throw new WebhookLimitError(limit);
    const { rows } = await client.query<SubscriptionRow>(
      `INSERT INTO webhook_subscriptions (id, url, events, description, secret, created_by, cursor)
       VALUES ($1, $2, $3, $4, $5, $6, (SELECT greatest((SELECT coalesce(max(id), 0) FROM events), pruned_through) FROM event_log_state))
       RETURNING ${COLUMNS}`,
      [sub.id, sub.url, sub.events, sub.description, sub.secret, sub.createdBy],
    );
    await client.query('COMMIT');
    return toSubscription(rows[0]!);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The live (not deleted) subscription with this ID, or null. */
export async function findWebhookSubscription(pool: Pool, id: string): Promise<WebhookSubscription | null> {
  const { rows } = await pool.query<SubscriptionRow>(`SELECT ${COLUMNS} FROM webhook_subscriptions WHERE id = $1 AND deleted_at IS NULL`, [id]);
  return rows[0] ? toSubscription(rows[0]) : null;
}

type ListCursor = [string, string];
const isListCursor = (v: unknown): v is ListCursor => Array.isArray(v) && v.length === 2 && isCursorInstant(v[0]) && isCursorText(v[1]);

/** Live subscriptions, oldest first; the cursor is the exact (createdAt, id) of the last one seen. */
export async function listWebhookSubscriptions(pool: Pool, limit: number, cursor?: string): Promise<Page<WebhookSubscription>> {
  const [after, afterId] = cursor ? decodeCursor(cursor, isListCursor) : ['-infinity', '00000000-0000-0000-0000-000000000000'];
  const { rows } = await pool.query<SubscriptionRow & { cursor_at: string }>(
    `SELECT ${COLUMNS}, ${cursorInstantSql('created_at')} AS cursor_at FROM webhook_subscriptions
      WHERE deleted_at IS NULL AND (created_at, id) > ($1::timestamptz, $2::uuid)
      ORDER BY created_at, id LIMIT $3`,
    [after, afterId, limit + 1],
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(toSubscription), nextCursor: rows.length > limit && last ? encodeCursor([last.cursor_at, last.id]) : null };
}

/** Marks the subscription deleted (its delivery log stays) and answers it; null when there is no live one. */
export async function deleteWebhookSubscription(pool: Pool, id: string): Promise<WebhookSubscription | null> {
  const { rows } = await pool.query<SubscriptionRow>(
    `UPDATE webhook_subscriptions SET deleted_at = now(), updated_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING ${COLUMNS}`,
    [id],
  );
  return rows[0] ? toSubscription(rows[0]) : null;
}

/**
 * Replaces the signing secret with `secret` (sealed); the current one keeps signing for `graceMs`
 * (none when 0). Null when there is no live subscription.
 */
export async function rotateWebhookSecret(pool: Pool, id: string, secret: string, graceMs: number): Promise<WebhookSubscription | null> {
  const { rows } = await pool.query<SubscriptionRow>(
    `UPDATE webhook_subscriptions
        SET previous_secret = CASE WHEN $3::double precision > 0 THEN secret END,
            previous_secret_expires_at = CASE WHEN $3::double precision > 0 THEN now() + make_interval(secs => $3::double precision / 1000) END,
            secret = $2, updated_at = now()
      WHERE id = $1 AND deleted_at IS NULL
      RETURNING ${COLUMNS}`,
    [id, secret, graceMs],
  );
  return rows[0] ? toSubscription(rows[0]) : null;
}
