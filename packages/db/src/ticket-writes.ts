import {
  TICKET_DEFAULTS,
  withTicketDefaults,
  statusTypeOf,
  type AssignCommand,
  type ChangeEnvelope,
  type CreateCommand,
  type EventCommand,
  type ResponseCommand,
  type StatusCommand,
  type Ticket,
} from '@gotrs/contracts';
import type { Pool, PoolClient } from 'pg';
import { actorColumns, actorPlaceholders, actorValues } from './actor-columns';
import { appendEvents } from './event-writes';
import { ticketEvent } from './ticket-events';
import { TICKET_COLUMNS, toTicket, type TicketRow } from './rows';
import { inTransaction } from './transaction';

/** Raised when a change names a ticket that has no row (a bug upstream: the workflow creates it first). */
export class TicketNotFoundError extends Error {
  override name = 'TicketNotFoundError';
  constructor(readonly ticketId: string) {
    super(`ticket ${ticketId} does not exist`);
  }
}

interface HistoryRow {
  action: string;
  field: string | null;
  from: string | null;
  to: string | null;
  accepted: boolean;
}

/**
 * Writes one history row keyed by its change ID, with who did it (the label and, when the change
 * carries it, the structured actor); false when it was already there (a retry).
 */
export async function insertHistory(client: PoolClient, change: ChangeEnvelope, row: HistoryRow): Promise<boolean> {
  const result = await client.query(
    `INSERT INTO ticket_history
       (change_id, ticket_id, action, field, from_value, to_value, actor, reason, source, accepted, occurred_at, ${actorColumns('actor')})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, ${actorPlaceholders(12)})
     ON CONFLICT (change_id) DO NOTHING`,
    [change.changeId, change.ticketId, row.action, row.field, row.from, row.to, change.actor, change.reason,
      change.source, row.accepted, change.at, ...actorValues(change.actorIdentity)],
  );
  return result.rowCount === 1;
}

async function lockTicket(client: PoolClient, ticketId: string): Promise<TicketRow> {
  const result = await client.query<TicketRow>(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE id = $1 FOR UPDATE`, [ticketId]);
  const row = result.rows[0];
  if (!row) throw new TicketNotFoundError(ticketId);
  return row;
}

/**
 * Creates the ticket with its `created` history row, or returns the row that is already there
 * (a retried activity, a Go caller starting a workflow for a known ticket, a continued run).
 */
export async function createOrLoadTicket(pool: Pool, command: CreateCommand): Promise<Ticket> {
  const t = command.ticket;
  return inTransaction(pool, async (client) => {
    const createdAt = t.createdAt ?? command.at;
    const d = withTicketDefaults(t);
    const inserted = await client.query<TicketRow>(
      `INSERT INTO tickets (id, number, title, description, status, status_type, priority, queue,
                            customer_user_id, created_at, updated_at)
       SELECT $1, to_char($9::timestamptz AT TIME ZONE 'UTC', 'YYYYMMDD') || lpad(n::text, greatest(8, length(n::text)), '0'),
              $2, $3, $4, $5, $6, $7, $8, $9, $9
         FROM nextval('ticket_number_seq') AS n
       ON CONFLICT (id) DO NOTHING
       RETURNING ${TICKET_COLUMNS}`,
      [d.id, d.title, d.description, d.status, d.statusType, d.priority, d.queue, d.customerUserId, createdAt],
    );
    const row = inserted.rows[0];
    if (!row) return toTicket(await lockTicket(client, t.id));
    const change = { ticketId: t.id, changeId: command.changeId, actor: t.createdByIdentity?.label ?? t.createdBy ?? TICKET_DEFAULTS.actor,
      actorIdentity: t.createdByIdentity ?? null, reason: null, source: 'system' as const, at: createdAt };
    await insertHistory(client, change, { action: 'created', field: 'status', from: null, to: row.status, accepted: true });
    const ticket = toTicket(row);
    await appendEvents(client, [ticketEvent('ticket.created', change, { ticket })]);
    return ticket;
  });
}

/** Sets the assignee once per change ID and returns the ticket. */
export async function applyAssignment(pool: Pool, command: AssignCommand): Promise<Ticket> {
  return inTransaction(pool, async (client) => {
    const current = await lockTicket(client, command.ticketId);
    const fresh = await insertHistory(client, command, {
      action: 'assigned', field: 'assignee', from: current.assignee, to: command.agentId, accepted: true,
    });
    if (!fresh) return toTicket(current);
    const updated = await client.query<TicketRow>(
      `UPDATE tickets SET assignee = $2, updated_at = $3 WHERE id = $1 RETURNING ${TICKET_COLUMNS}`,
      [command.ticketId, command.agentId, command.at],
    );
    await appendEvents(client, [ticketEvent('ticket.assigned', command, { from: current.assignee, to: command.agentId })]);
    return toTicket(updated.rows[0]!);
  });
}

/** Sets the status (and its pending time) once per change ID and returns the ticket. */
export async function applyStatus(pool: Pool, command: StatusCommand): Promise<Ticket> {
  return inTransaction(pool, async (client) => {
    const current = await lockTicket(client, command.ticketId);
    const fresh = await insertHistory(client, command, {
      action: command.action, field: 'status', from: current.status, to: command.status, accepted: true,
    });
    if (!fresh) return toTicket(current);
    const updated = await client.query<TicketRow>(
      `UPDATE tickets SET status = $2, status_type = $3, pending_until = $4, updated_at = $5
        WHERE id = $1 RETURNING ${TICKET_COLUMNS}`,
      [command.ticketId, command.status, statusTypeOf(command.status), command.pendingUntil, command.at],
    );
    const type = command.action === 'reopened' ? 'ticket.reopened' : 'ticket.status-changed';
    await appendEvents(client, [ticketEvent(type, command, { from: current.status, to: command.status, pendingUntil: command.pendingUntil })]);
    return toTicket(updated.rows[0]!);
  });
}

/** Records a history row that changes nothing on the ticket (a rejected request, a reminder). */
export async function recordEvent(pool: Pool, command: EventCommand): Promise<void> {
  await inTransaction(pool, async (client) => {
    await lockTicket(client, command.ticketId);
    await insertHistory(client, command, {
      action: command.action, field: command.field, from: command.from, to: command.to,
      accepted: command.action !== 'rejected',
    });
  });
}

/** Records an agent's response: the first one sets first_response_at; every one last_response_at. */
export async function applyResponse(pool: Pool, command: ResponseCommand): Promise<Ticket> {
  return inTransaction(pool, async (client) => {
    const current = await lockTicket(client, command.ticketId);
    const fresh = await insertHistory(client, command, {
      action: 'responded', field: 'response', from: null, to: command.agentId, accepted: true,
    });
    if (!fresh) return toTicket(current);
    const updated = await client.query<TicketRow>(
      `UPDATE tickets SET first_response_at = coalesce(first_response_at, $2), last_response_at = $2, updated_at = $2
        WHERE id = $1 RETURNING ${TICKET_COLUMNS}`,
      [command.ticketId, command.at],
    );
    await appendEvents(client, [ticketEvent('ticket.responded', command, { agentId: command.agentId })]);
    return toTicket(updated.rows[0]!);
  });
}
