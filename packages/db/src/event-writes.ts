import type { EventType } from '@gotrs/contracts';
import type { PoolClient } from 'pg';

/** The channel writers NOTIFY on commit; its payload is empty: listeners read the log after the id they have. */
export const EVENTS_CHANNEL = 'gotrs_events';

/**
 * The transaction-level advisory lock every event writer holds from its insert to its COMMIT, so
 * that ids are handed out in commit order (a reader past id N never meets a smaller id later).
 */
const EVENT_LOG_LOCK = 7_117_001;

/** An event to append to the log, in the transaction of the change it describes. */
export interface NewEvent {
  /** The change's own idempotency key, namespaced (`ticket:{changeId}`, `sla:{key}`...): a retry writes nothing. */
  key: string;
  type: EventType;
  /** The ticket it concerns; its customer is copied from the ticket row for access decisions. */
  ticketId: string | null;
  /** When the change happened (workflow time for workflow changes). */
  at: string | Date;
  /** The change itself (from, to, who...), as the stream's `data` carries it besides `ticketId` and `at`. */
  data: Record<string, unknown>;
}

/**
 * Appends `events` (in order, each once per key) and NOTIFYs listeners when the transaction commits.
 * Call it last in the transaction, after every row lock the change takes: from here to COMMIT the
 * transaction holds the log's lock, and holding it while waiting for another lock could deadlock.
 */
export async function appendEvents(client: PoolClient, events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await client.query('SELECT pg_advisory_xact_lock($1), pg_notify($2, $3)', [EVENT_LOG_LOCK, EVENTS_CHANNEL, '']);
  const rows = events.map((e, ord) => ({ ord, key: e.key, type: e.type, ticket_id: e.ticketId, at: new Date(e.at).toISOString(), data: e.data }));
  await client.query(
    `INSERT INTO events (event_key, type, ticket_id, customer_user_id, occurred_at, data)
     SELECT e.key, e.type, e.ticket_id, t.customer_user_id, e.at, e.data
       FROM jsonb_to_recordset($1::jsonb) AS e(ord int, key text, type text, ticket_id text, at timestamptz, data jsonb)
       LEFT JOIN tickets t ON t.id = e.ticket_id
      ORDER BY e.ord
     ON CONFLICT (event_key) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}
