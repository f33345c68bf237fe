import { randomUUID } from 'node:crypto';
import type { NotificationRequest } from '@gotrs/contracts';
import { createTestDatabase, type TestDatabase } from '@gotrs/devstack/testing';
import type { Pool } from 'pg';
import {
  appendEvents,
  applyAssignment,
  applyEscalation,
  applyResponse,
  applyStatus,
  createOrLoadTicket,
  createPool,
  eventLogBounds,
  inTransaction,
  logNotification,
  pruneEvents,
  readEvents,
  recordSlaProgress,
} from '../src';

let database: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  database = await createTestDatabase('event-log');
  pool = createPool({ url: database.url, poolSize: 8, connectTimeoutMs: 2000, statementTimeoutMs: 5000 });
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

const at = () => new Date().toISOString();
const meta = (id: string, n: number) => ({ ticketId: id, changeId: `${id}/${n}`, actor: 'agent-7@gotrs.local', reason: null, source: 'api' as const, at: at() });

async function ticket(customerUserId: string | null = null): Promise<string> {
  const id = randomUUID();
  await createOrLoadTicket(pool, { ticket: { id, title: 'Event log', customerUserId }, changeId: `${id}/0`, at: at() });
  return id;
}

async function eventsOf(ticketId: string) {
  const { rows } = await pool.query('SELECT type, event_key, customer_user_id, data FROM events WHERE ticket_id = $1 ORDER BY id', [ticketId]);
  return rows;
}

describe('the event log', () => {
  it('records each ticket change with its type, key, the ticket\'s customer and the change', async () => {
    const id = await ticket('alice@example.com');
    await applyAssignment(pool, { ...meta(id, 1), agentId: 'agent-7' });
    await applyStatus(pool, { ...meta(id, 2), status: 'closed successful', pendingUntil: null, action: 'status-changed' });
    await applyStatus(pool, { ...meta(id, 3), status: 'open', pendingUntil: null, action: 'reopened' });
    await applyResponse(pool, { ...meta(id, 4), agentId: 'agent-7' });
    const rows = await eventsOf(id);
    expect(rows.map((r) => [r.type, r.event_key, r.customer_user_id])).toEqual([
      ['ticket.created', `ticket:${id}/0`, 'alice@example.com'],
      ['ticket.assigned', `ticket:${id}/1`, 'alice@example.com'],
      ['ticket.status-changed', `ticket:${id}/2`, 'alice@example.com'],
      ['ticket.reopened', `ticket:${id}/3`, 'alice@example.com'],
      ['ticket.responded', `ticket:${id}/4`, 'alice@example.com'],
    ]);
    expect(rows[2].data).toMatchObject({ from: 'new', to: 'closed successful', actor: 'agent-7@gotrs.local' });
  });

  it('writes one event when an activity is retried with the same change (ticket, SLA, escalation, notification)', async () => {
    const id = await ticket();
    const assign = { ...meta(id, 1), agentId: 'agent-7' };
    const sla = { ticketId: id, milestones: [], events: [{ key: `${id}/FirstResponse/1/start`, type: 'start' as const, milestone: 'FirstResponse' as const, cycle: 1, at: Date.now(), dueAt: null, reason: 'r' }] };
    const escalation = { ticketId: id, workflowId: `escalation-${id}-manual-1`, trigger: 'manual:1', rule: { level: 1, waitMs: 0, condition: 'unresolved' as const }, actor: 'a', reason: 'VIP', at: at() };
    const request: NotificationRequest = { id: randomUUID(), ticketId: id, recipient: 'agent-7', channel: 'in-app', subject: 's', body: 'b', event: 'ticket.assigned' };
    for (let attempt = 0; attempt < 2; attempt++) {
      await applyAssignment(pool, assign);
      await recordSlaProgress(pool, sla);
      await applyEscalation(pool, escalation);
      await logNotification(pool, { request, recipientKey: 'agent-7' }, { status: 'sent', channel: 'in-app', error: null });
    }
    expect((await eventsOf(id)).map((r) => r.type)).toEqual(['ticket.created', 'ticket.assigned', 'sla.started', 'escalation.level-fired', 'notification.delivered']);
  });

  it('leaves no event when the change\'s transaction fails after the event was appended', async () => {
    const id = await ticket();
    // A check PostgreSQL makes at COMMIT, after every statement of the change (the event's insert included) ran.
    await pool.query(`CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.assignee = 'poison' THEN RAISE EXCEPTION 'poison refused' USING ERRCODE = '23514'; END IF; RETURN NULL; END $$`);
    await pool.query(`CREATE CONSTRAINT TRIGGER refuse_poison AFTER UPDATE ON tickets DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION refuse_poison()`);
    try {
      await expect(applyAssignment(pool, { ...meta(id, 1), agentId: 'poison' })).rejects.toThrow(/poison refused/);
    } finally {
      await pool.query('DROP TRIGGER refuse_poison ON tickets; DROP FUNCTION refuse_poison()');
    }
    expect((await eventsOf(id)).map((r) => r.type)).toEqual(['ticket.created']);
    const { rows } = await pool.query('SELECT assignee FROM tickets WHERE id = $1', [id]);
    expect(rows).toEqual([{ assignee: null }]);
  });

  it('leaves no change when its event cannot be written', async () => {
    const id = await ticket();
    await pool.query(`CREATE FUNCTION refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.ticket_id = '${id}' THEN RAISE EXCEPTION 'event refused'; END IF; RETURN NEW; END $$`);
    await pool.query('CREATE TRIGGER refuse_event BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION refuse_event()');
    try {
      await expect(applyAssignment(pool, { ...meta(id, 1), agentId: 'agent-7' })).rejects.toThrow(/event refused/);
    } finally {
      await pool.query('DROP TRIGGER refuse_event ON events; DROP FUNCTION refuse_event()');
    }
    const { rows } = await pool.query('SELECT t.assignee, (SELECT count(*)::int FROM ticket_history h WHERE h.ticket_id = t.id) AS history FROM tickets t WHERE id = $1', [id]);
    expect(rows).toEqual([{ assignee: null, history: 1 }]);
  });

  it('hands out ids in commit order: a reader past an id never meets a smaller one later', async () => {
    // A transaction that took its id first but commits last would break that; the log's lock forbids it.
    const id = await ticket();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = inTransaction(pool, async (client) => {
      await appendEvents(client, [{ key: `test:${id}/slow`, type: 'ticket.responded', ticketId: id, at: at(), data: {} }]);
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const fast = inTransaction(pool, (client) => appendEvents(client, [{ key: `test:${id}/fast`, type: 'ticket.responded', ticketId: id, at: at(), data: {} }]));
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The fast one waits for the slow one's lock, so nothing past the slow one's id is visible yet.
    const visible = await pool.query("SELECT event_key FROM events WHERE event_key LIKE 'test:%'");
    expect(visible.rows).toEqual([]);
    release();
    await Promise.all([slow, fast]);
    expect((await eventsOf(id)).map((r) => r.event_key)).toEqual([`ticket:${id}/0`, `test:${id}/slow`, `test:${id}/fast`]);
  });

  it('reads after an id with filters, and prunes the old events, remembering the highest id removed', async () => {
    const mine = await ticket('alice@example.com');
    const other = await ticket('bob@example.com');
    const bounds = await eventLogBounds(pool);
    const mineOnly = await readEvents(pool, { after: 0n, limit: 1000, customerUserId: 'alice@example.com', types: ['ticket.created'] });
    expect(mineOnly.map((e) => e.ticketId)).toContain(mine);
    expect(mineOnly.map((e) => e.ticketId)).not.toContain(other);
    await pool.query("UPDATE events SET created_at = now() - interval '2 days'");
    expect(await pruneEvents(pool, 86_400_000)).toBeGreaterThan(0);
    expect(await eventLogBounds(pool)).toEqual({ head: bounds.head, prunedThrough: bounds.head });
    expect(await readEvents(pool, { after: 0n, limit: 10 })).toEqual([]);
  });
});
