import type { EventType } from '@gotrs/contracts';
import type { Pool } from 'pg';

/** An event as the log holds it; `id` is a decimal string (a bigint). */
export interface StoredEvent {
  id: string;
  type: EventType;
  ticketId: string | null;
  customerUserId: string | null;
  tenantId: string | null;
  data: Record<string, unknown>;
  occurredAt: string;
  createdAt: string;
}

/** Which events a read returns besides "after this id"; absent fields do not filter. */
export interface EventQuery {
  /** Only events with an id above this one. */
  after: bigint;
  limit: number;
  ticketId?: string;
  types?: readonly EventType[];
  /** Only events of tickets of this customer (a Customer's own). */
  customerUserId?: string;
}

interface EventRow {
  id: string;
  type: EventType;
  ticket_id: string | null;
  customer_user_id: string | null;
  tenant_id: string | null;
  data: Record<string, unknown>;
  occurred_at: Date;
  created_at: Date;
}

const toEvent = (r: EventRow): StoredEvent => ({
  id: r.id, type: r.type, ticketId: r.ticket_id, customerUserId: r.customer_user_id, tenantId: r.tenant_id, data: r.data,
  occurredAt: r.occurred_at.toISOString(), createdAt: r.created_at.toISOString(),
});

/** Events after `query.after` in id order, at most `query.limit`, filtered in SQL. */
export async function readEvents(pool: Pool, query: EventQuery): Promise<StoredEvent[]> {
  const result = await pool.query<EventRow>(
    `SELECT id::text, type, ticket_id, customer_user_id, tenant_id, data, occurred_at, created_at
       FROM events
      WHERE id > $1
        AND ($2::text IS NULL OR ticket_id = $2)
        AND ($3::text[] IS NULL OR type = ANY($3))
        AND ($4::text IS NULL OR customer_user_id = $4)
      ORDER BY events.id
      LIMIT $5`,
    [query.after.toString(), query.ticketId ?? null, query.types ?? null, query.customerUserId ?? null, query.limit],
  );
  return result.rows.map(toEvent);
}

/**
 * The ends of the log: `head`, the highest id ever handed out that a reader may have seen (0 when
 * none), and `prunedThrough`, the highest id retention removed (0 when none): a reader whose last
 * id is below it has lost events.
 */
export interface EventLogBounds {
  head: bigint;
  prunedThrough: bigint;
}

/** The log's bounds, for checking a reader's Last-Event-ID. */
export async function eventLogBounds(pool: Pool): Promise<EventLogBounds> {
  const result = await pool.query<{ head: string; pruned_through: string }>(
    `SELECT greatest((SELECT coalesce(max(id), 0) FROM events), pruned_through)::text AS head, pruned_through::text
       FROM event_log_state`,
  );
  const row = result.rows[0]!;
  return { head: BigInt(row.head), prunedThrough: BigInt(row.pruned_through) };
}

/** Up to this many rows per DELETE, so that a prune never holds a long transaction. */
const PRUNE_BATCH = 10_000;

/**
 * Deletes the events written more than `retentionMs` ago (the oldest first, in batches) and records
 * the highest id removed; answers how many it removed.
 */
export async function pruneEvents(pool: Pool, retentionMs: number): Promise<number> {
  let removed = 0;
  for (;;) {
    const result = await pool.query<{ removed: string }>(
      `WITH cutoff AS (
         SELECT max(id) AS id FROM (
           SELECT id FROM events WHERE created_at < now() - make_interval(secs => $1::double precision / 1000) ORDER BY id LIMIT $2
         ) AS old
       ), gone AS (
         DELETE FROM events WHERE id <= (SELECT id FROM cutoff) RETURNING id
       ), noted AS (
         UPDATE event_log_state SET pruned_through = greatest(pruned_through, (SELECT max(id) FROM gone))
          WHERE EXISTS (SELECT 1 FROM gone)
       )
       SELECT count(*)::text AS removed FROM gone`,
      [retentionMs, PRUNE_BATCH],
    );
    const batch = Number(result.rows[0]!.removed);
    removed += batch;
    if (batch < PRUNE_BATCH) return removed;
  }
}
