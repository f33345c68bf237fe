import type { StatusType, Ticket, TicketEvent, TicketStatus } from '@gotrs/contracts';
import type { Pool } from 'pg';
import { cursorInstantSql, decodeCursor, encodeCursor, isCursorInstant, isCursorText } from './cursor';
import { actorColumns } from './actor-columns';
import { EVENT_COLUMNS, TICKET_COLUMNS, toEvent, toTicket, type EventRow, type TicketRow } from './rows';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Filters of the ticket list; each given one must match. */
export interface TicketFilter {
  status?: TicketStatus[];
  statusType?: StatusType[];
  assignee?: string;
  queue?: string;
  priority?: number;
  customerUserId?: string;
}

export async function findTicket(pool: Pool, id: string): Promise<Ticket | null> {
  const result = await pool.query<TicketRow>(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE id = $1`, [id]);
  return result.rows[0] ? toTicket(result.rows[0]) : null;
}

/** (created_at to the microsecond, id) of the last ticket seen. */
type TicketCursor = [string, string];
const isTicketCursor = (v: unknown): v is TicketCursor =>
  Array.isArray(v) && v.length === 2 && isCursorInstant(v[0]) && isCursorText(v[1]);

/** Newest first; the cursor is the exact (createdAt, id) of the last item seen. */
export async function listTickets(pool: Pool, filter: TicketFilter, limit: number, cursor?: string): Promise<Page<Ticket>> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.status?.length) add('status = ANY(?)', filter.status);
  if (filter.statusType?.length) add('status_type = ANY(?)', filter.statusType);
  if (filter.assignee !== undefined) add('assignee = ?', filter.assignee);
  if (filter.queue !== undefined) add('queue = ?', filter.queue);
  if (filter.priority !== undefined) add('priority = ?', filter.priority);
  if (filter.customerUserId !== undefined) add('customer_user_id = ?', filter.customerUserId);
  if (cursor) {
    const [createdAt, id] = decodeCursor(cursor, isTicketCursor);
    params.push(createdAt, id);
    where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length})`);
  }
  params.push(limit + 1);
  const result = await pool.query<TicketRow & { cursor_at: string }>(
    `SELECT ${TICKET_COLUMNS}, ${cursorInstantSql('created_at')} AS cursor_at FROM tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
    params,
  );
  const rows = result.rows.slice(0, limit);
  const last = rows[rows.length - 1];
  const more = result.rows.length > limit && last !== undefined;
  return {
    items: rows.map(toTicket),
    nextCursor: more ? encodeCursor([last.cursor_at, last.id]) : null,
  };
}

/** An SLA event's identity columns but the method (given with its default, `system`, before them). */
const SLA_ACTOR_COLUMNS = actorColumns('actor').split(', ').slice(1).join(', ');

/** (occurred_at to the microsecond, kind: 0 change / 1 SLA event, seq) of the last row seen. */
type HistoryCursor = [string, number, string];
const isHistoryCursor = (v: unknown): v is HistoryCursor =>
  Array.isArray(v) && v.length === 3 && isCursorInstant(v[0]) && (v[1] === 0 || v[1] === 1) &&
  typeof v[2] === 'string' && /^(0|[1-9]\d{0,17})$/.test(v[2]);

/**
 * A ticket's whole history, oldest first: its changes (`ticket_history`) merged with its SLA events
 * (`sla_events`, as action `sla`: field = milestone, to = start/pause/resume/warn/meet/breach/escalate;
 * its actor `sla`, the system, unless a change caused it).
 * The cursor is the exact (time, kind, sequence) of the last row seen.
 */
export async function listHistory(pool: Pool, ticketId: string, limit: number, cursor?: string): Promise<Page<TicketEvent>> {
  const [after, kind, seq] = cursor ? decodeCursor(cursor, isHistoryCursor) : ['-infinity', 1, '0'];
  const result = await pool.query<EventRow & { kind: number; cursor_at: string }>(
    `SELECT *, ${cursorInstantSql('occurred_at')} AS cursor_at FROM (
       SELECT 0 AS kind, ${EVENT_COLUMNS} FROM ticket_history WHERE ticket_id = $1
       UNION ALL
       SELECT 1, seq, ticket_id, 'sla', milestone, NULL, type, coalesce(actor, 'sla'), reason, 'system', true, occurred_at,
              coalesce(actor_method, 'system'), ${SLA_ACTOR_COLUMNS}
         FROM sla_events WHERE ticket_id = $1
     ) h
     WHERE (occurred_at, kind, seq) > ($2::timestamptz, $3::int, $4::bigint)
     ORDER BY occurred_at, kind, seq LIMIT $5`,
    [ticketId, after, kind, seq, limit + 1],
  );
  const rows = result.rows.slice(0, limit);
  const last = rows[rows.length - 1];
  return {
    items: rows.map((row) => ({ ...toEvent(row), id: row.kind === 0 ? row.seq : `sla-${row.seq}` })),
    nextCursor: result.rows.length > limit && last ? encodeCursor([last.cursor_at, last.kind, last.seq]) : null,
  };
}
