import { randomUUID } from 'node:crypto';
import { createPool } from '@gotrs/db';
import { ApplicationFailure } from '@temporalio/common';
import pino from 'pino';
import type { Pool } from 'pg';
import { createTicketActivities } from '../../src/activities/ticket-activities';
import { testConfig } from '../support';

let pool: Pool;
let activities: ReturnType<typeof createTicketActivities>;
beforeAll(() => {
  pool = createPool(testConfig('activities').database);
  activities = createTicketActivities({ pool, logger: pino({ level: 'silent' }) });
});
afterAll(() => pool.end());

const at = (offsetSeconds = 0) => new Date(Date.UTC(2026, 10, 25, 9, 0, offsetSeconds)).toISOString();

async function history(ticketId: string) {
  const { rows } = await pool.query(
    'SELECT action, field, from_value, to_value, actor, source, accepted, reason FROM ticket_history WHERE ticket_id = $1 ORDER BY seq',
    [ticketId],
  );
  return rows;
}

async function created(extra: Record<string, unknown> = {}) {
  const id = randomUUID();
  const ticket = await activities.CreateTicketActivity({ ticket: { id, ...extra }, changeId: `${id}/0`, at: at() });
  return ticket;
}

describe('CreateTicketActivity', () => {
  it('gives a ticket that arrives as a bare ID a row with defaults and an OTRS-style number', async () => {
    const ticket = await created();
    expect(ticket).toMatchObject({
      title: `Ticket ${ticket.id}`, status: 'new', statusType: 'new', priority: 3, queue: 'Raw', assignee: null,
      escalationLevel: 0, createdAt: at(), updatedAt: at(),
    });
    expect(ticket.number).toMatch(/^20261125\d{8,}$/);
    expect(await history(ticket.id)).toEqual([
      expect.objectContaining({ action: 'created', to_value: 'new', actor: 'system', accepted: true }),
    ]);
  });

  it('writes one row and one history entry however often it is retried', async () => {
    const id = randomUUID();
    const command = { ticket: { id, title: 'VPN down', priority: 4, queue: 'Network', createdBy: 'customer-1' }, changeId: `${id}/0`, at: at() };
    const first = await activities.CreateTicketActivity(command);
    const again = await activities.CreateTicketActivity(command);
    const concurrent = await Promise.all([1, 2, 3].map(() => activities.CreateTicketActivity(command)));
    expect(again).toEqual(first);
    expect(concurrent).toEqual([first, first, first]);
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM tickets WHERE id = $1', [id]);
    expect(rows[0].n).toBe(1);
    expect(await history(id)).toHaveLength(1);
    expect(first).toMatchObject({ title: 'VPN down', priority: 4, queue: 'Network' });
  });

  it('loads the existing row for a known ticket instead of overwriting it', async () => {
    const ticket = await created({ title: 'Original' });
    const loaded = await activities.CreateTicketActivity({ ticket: { id: ticket.id, title: 'Other' }, changeId: 'another-run/0', at: at(60) });
    expect(loaded).toEqual(ticket);
  });
});

describe('AssignTicketActivity', () => {
  it('assigns once per change ID and records who, from what, to what and why', async () => {
    const ticket = await created();
    const command = { ticketId: ticket.id, changeId: `${ticket.id}/1`, agentId: 'agent-7', actor: 'lead-1', reason: 'expert', source: 'api' as const, at: at(5) };
    const assigned = await activities.AssignTicketActivity(command);
    const retried = await activities.AssignTicketActivity(command);
    expect(assigned).toMatchObject({ assignee: 'agent-7', updatedAt: at(5) });
    expect(retried).toEqual(assigned);
    expect(await history(ticket.id)).toEqual([
      expect.objectContaining({ action: 'created' }),
      { action: 'assigned', field: 'assignee', from_value: null, to_value: 'agent-7', actor: 'lead-1', source: 'api', accepted: true, reason: 'expert' },
    ]);
  });

  it('fails without retry for a ticket that has no row', async () => {
    const error = await activities.AssignTicketActivity({
      ticketId: randomUUID(), changeId: randomUUID(), agentId: 'a', actor: 'x', reason: null, source: 'api', at: at(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'TicketNotFoundError', nonRetryable: true });
  });
});

describe('UpdateTicketStatusActivity', () => {
  it('stores the status, its type and pending time once per change ID', async () => {
    const ticket = await created();
    const command = {
      ticketId: ticket.id, changeId: `${ticket.id}/1`, status: 'pending reminder' as const, pendingUntil: at(3600),
      action: 'status-changed' as const, actor: 'agent-7', reason: 'waiting for customer', source: 'signal' as const, at: at(10),
    };
    const pending = await activities.UpdateTicketStatusActivity(command);
    await activities.UpdateTicketStatusActivity(command);
    expect(pending).toMatchObject({ status: 'pending reminder', statusType: 'pending', pendingUntil: at(3600) });
    const rows = await history(ticket.id);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ action: 'status-changed', from_value: 'new', to_value: 'pending reminder', source: 'signal' });
  });
});

describe('RecordTicketEventActivity', () => {
  it('records a refused change without touching the ticket', async () => {
    const ticket = await created();
    await activities.RecordTicketEventActivity({
      ticketId: ticket.id, changeId: `${ticket.id}/1`, action: 'rejected', field: 'status', from: 'new', to: 'new-ish',
      actor: 'temporal-signal', reason: 'invalid_status: "new-ish" is not a ticket status', source: 'signal', at: at(1),
    });
    const rows = await history(ticket.id);
    expect(rows[1]).toMatchObject({ action: 'rejected', accepted: false, to_value: 'new-ish' });
    const { rows: tickets } = await pool.query('SELECT status, updated_at FROM tickets WHERE id = $1', [ticket.id]);
    expect(tickets[0]).toMatchObject({ status: 'new', updated_at: new Date(at()) });
  });
});

describe('when PostgreSQL refuses the data', () => {
  const NUL = 'a\u0000b';
  const refused = { type: 'InvalidDataError', nonRetryable: true, message: expect.stringContaining('22021') };

  it('fails CreateTicketActivity without retry for a title with NUL, and writes nothing', async () => {
    const id = randomUUID();
    const error = await activities.CreateTicketActivity({ ticket: { id, title: NUL }, changeId: `${id}/0`, at: at() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject(refused);
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM tickets WHERE id = $1', [id]);
    expect(rows[0].n).toBe(0);
  });

  it('fails each change activity without retry, leaving the ticket as it was', async () => {
    const ticket = await created();
    const base = { ticketId: ticket.id, actor: 'agent-1', source: 'signal' as const, at: at(5) };
    const attempts = [
      activities.AssignTicketActivity({ ...base, changeId: `${ticket.id}/1`, agentId: 'agent-7', reason: NUL }),
      activities.UpdateTicketStatusActivity({ ...base, changeId: `${ticket.id}/2`, status: 'open', pendingUntil: null, action: 'status-changed', reason: null, actor: NUL }),
      activities.RecordResponseActivity({ ...base, changeId: `${ticket.id}/3`, agentId: 'agent-7', reason: NUL }),
      activities.RecordTicketEventActivity({ ...base, changeId: `${ticket.id}/4`, action: 'rejected', field: 'status', from: 'new', to: NUL, reason: null }),
    ];
    for (const attempt of attempts) await expect(attempt).rejects.toMatchObject(refused);
    expect(await history(ticket.id)).toHaveLength(1);
  });

  it('keeps failing retryably while PostgreSQL cannot be reached', async () => {
    const unreachable = createPool({ url: 'postgres://nobody@127.0.0.1:1/none', poolSize: 1, connectTimeoutMs: 500, statementTimeoutMs: 500 });
    const offline = createTicketActivities({ pool: unreachable, logger: pino({ level: 'silent' }) });
    const id = randomUUID();
    const error = await offline.CreateTicketActivity({ ticket: { id }, changeId: `${id}/0`, at: at() }).catch((e: unknown) => e);
    await unreachable.end();
    expect(error).not.toBeInstanceOf(ApplicationFailure);
    expect((error as Error).message).toMatch(/ECONNREFUSED|connect/);
  });
});
