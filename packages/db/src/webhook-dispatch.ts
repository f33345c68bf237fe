import type { EventType } from '@gotrs/contracts';
import type { Pool } from 'pg';
import { readEvents, type StoredEvent } from './event-reads';

/** Where a subscription stands for its dispatcher: only `active` ones get deliveries. */
export type DispatchStatus = 'active' | 'disabled' | 'deleted' | 'missing';

/** A batch of the events a subscription listens to, after its dispatcher's position. */
export interface WebhookBatch {
  status: DispatchStatus;
  /** The events' ids (decimal strings) and types, in log order. */
  events: Array<{ id: string; type: EventType }>;
  /** Every event up to this id has been looked at (the last one returned, or the log's head when fewer than asked for). */
  scannedThrough: string;
}

interface StateRow {
  status: 'active' | 'disabled';
  deleted: boolean;
  events: EventType[];
}

async function dispatchState(pool: Pool, id: string): Promise<{ status: DispatchStatus; events: EventType[] }> {
  const { rows } = await pool.query<StateRow>('SELECT status, deleted_at IS NOT NULL AS deleted, events FROM webhook_subscriptions WHERE id = $1', [id]);
  const row = rows[0];
  if (!row) return { status: 'missing', events: [] };
  return { status: row.deleted ? 'deleted' : row.status, events: row.events };
}

/**
 * Records that the dispatcher has dealt with every event up to `from` (the stored cursor only grows;
 * null: the stored cursor as it is) and reads the next events of the subscription's types after the
 * cursor, at most `limit`.
 */
export async function readWebhookBatch(pool: Pool, subscriptionId: string, from: bigint | null, limit: number): Promise<WebhookBatch> {
  const { rows: [stored] } = await pool.query<{ cursor: string }>(
    'UPDATE webhook_subscriptions SET cursor = greatest(cursor, coalesce($2, cursor)) WHERE id = $1 RETURNING cursor::text',
    [subscriptionId, from?.toString() ?? null],
  );
  const after = stored ? BigInt(stored.cursor) : from ?? 0n;
  const state = await dispatchState(pool, subscriptionId);
  if (state.status !== 'active') return { status: state.status, events: [], scannedThrough: after.toString() };
  // The head first: every event up to it is committed (ids follow commit order), so a shorter batch has seen them all.
  const { rows: [head] } = await pool.query<{ head: string }>('SELECT coalesce(max(id), 0)::text AS head FROM events');
  const events = await readEvents(pool, { after, limit, types: state.events });
  const last = events[events.length - 1];
  const scannedThrough = events.length === limit && last ? last.id : BigInt(head!.head) > after ? head!.head : after.toString();
  return { status: 'active', events: events.map((e) => ({ id: e.id, type: e.type })), scannedThrough };
}

/** What a delivery attempt needs: the subscription's target and secrets (sealed), and the event. */
export interface DeliveryContext {
  status: DispatchStatus;
  url: string;
  /** The current secret first; the previous one while its grace lasts. */
  secrets: string[];
  event: StoredEvent | null;
}

/** The subscription and the event of one delivery; `event` null when retention pruned it. */
export async function loadDeliveryContext(pool: Pool, subscriptionId: string, eventId: string): Promise<DeliveryContext> {
  const { rows } = await pool.query<{ status: 'active' | 'disabled'; deleted: boolean; url: string; secret: string; previous: string | null }>(
    `SELECT status, deleted_at IS NOT NULL AS deleted, url, secret,
            CASE WHEN previous_secret_expires_at > now() THEN previous_secret END AS previous
       FROM webhook_subscriptions WHERE id = $1`,
    [subscriptionId],
  );
  const row = rows[0];
  if (!row) return { status: 'missing', url: '', secrets: [], event: null };
  const [event] = await readEvents(pool, { after: BigInt(eventId) - 1n, limit: 1 });
  return {
    status: row.deleted ? 'deleted' : row.status,
    url: row.url,
    secrets: row.previous ? [row.secret, row.previous] : [row.secret],
    event: event && event.id === eventId ? event : null,
  };
}
