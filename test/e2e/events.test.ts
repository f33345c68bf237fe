/**
 * GET /api/v1/events on the real stack (API, worker, Temporal, PostgreSQL): the events of real
 * changes, in order; a resume with Last-Event-ID that gets exactly what was missed, then live
 * events; what a Customer sees; refused credentials and cursors.
 */
import { EVENT_TYPES } from '@gotrs/contracts';
import { openStream, type SseStream } from './sse-client';
import { expectProblem, startStack, tokenFor, type Stack } from './support';

jest.setTimeout(60_000);

let stack: Stack;
const streams: SseStream[] = [];
beforeAll(async () => {
  stack = await startStack({ label: 'e2e-events' });
  await stack.startWorker();
}, 120_000);
afterEach(() => {
  for (const stream of streams.splice(0)) stream.close();
});
afterAll(() => stack?.close());

async function stream(query = '', headers: Record<string, string> = {}, token?: string): Promise<SseStream> {
  const opened = await openStream(`${stack.api.url}/api/v1/events${query}`, { authorization: `Bearer ${token ?? (await tokenFor('Admin'))}`, ...headers });
  streams.push(opened);
  return opened;
}

async function createTicket(body: Record<string, unknown> = {}): Promise<string> {
  const response = await stack.api.request({ method: 'POST', url: '/api/v1/tickets', payload: { title: 'Event stream', ...body } });
  // 202 on a loaded machine (the row is written a little after the create's wait): its events come then.
  expect([201, 202]).toContain(response.statusCode);
  return response.json().id;
}

async function change(id: string, what: string, payload: unknown) {
  const response = await stack.api.request({ method: 'POST', url: `/api/v1/tickets/${id}/${what}`, payload });
  expect(response.statusCode).toBe(200);
}

const ofTicket = (s: SseStream, id: string) => s.events().filter((e) => e.data.ticketId === id);
const ids = (s: SseStream) => s.events().map((e) => BigInt(e.id));

describe('GET /api/v1/events', () => {
  it('streams a ticket\'s changes as they are committed, in order, with id, type and data', async () => {
    const live = await stream();
    expect([live.status, live.headers['content-type'], live.headers['cache-control']]).toEqual([200, 'text/event-stream; charset=utf-8', 'no-cache, no-transform']);
    const id = await createTicket();
    await change(id, 'assign', { agentId: 'agent-7' });
    await live.until((s) => ofTicket(s, id).some((e) => e.event === 'ticket.assigned'));
    const events = ofTicket(live, id);
    const ticketEvents = events.filter((e) => e.event.startsWith('ticket.'));
    expect(ticketEvents.map((e) => e.event)).toEqual(['ticket.created', 'ticket.assigned']);
    expect(ticketEvents[1]!.data).toMatchObject({
      type: 'ticket.assigned', ticketId: id, at: expect.any(String), change: { from: null, to: 'agent-7', actor: 'admin@example.com' },
    });
    expect(events.some((e) => e.event === 'sla.started' && e.data.change.milestone === 'FirstResponse')).toBe(true);
    // Every frame's id repeats in its data, and ids only grow.
    expect(events.every((e) => e.data.id === e.id && e.data.type === e.event)).toBe(true);
    const all = ids(live);
    expect(all).toEqual([...all].sort((a, b) => (a < b ? -1 : 1)));
    expect(new Set(all).size).toBe(all.length);
  });

  it('resumes after Last-Event-ID with exactly the missed events, then goes live', async () => {
    const types = 'types=ticket.assigned,ticket.status-changed,ticket.responded';
    const id = await createTicket();
    const first = await stream(`?ticketId=${id}&${types}`);
    await change(id, 'assign', { agentId: 'agent-7' });
    await first.until((s) => s.events().length === 1);
    const lastSeen = first.events()[0]!.id;
    first.close();

    await change(id, 'status', { status: 'open' });
    await change(id, 'assign', { agentId: 'agent-3' });
    await change(id, 'responses', {});
    const missed = await stack.api.pool.query<{ id: string; type: string }>(
      "SELECT id::text, type FROM events WHERE ticket_id = $1 AND id > $2 AND type LIKE 'ticket.%' AND type <> 'ticket.created' ORDER BY events.id",
      [id, lastSeen],
    );
    expect(missed.rows.map((r) => r.type)).toEqual(['ticket.status-changed', 'ticket.assigned', 'ticket.responded']);

    const resumed = await stream(`?ticketId=${id}&${types}`, { 'last-event-id': lastSeen });
    await resumed.until((s) => s.events().length === 3);
    await change(id, 'assign', { agentId: 'agent-7' });
    await resumed.until((s) => s.events().length === 4);
    const got = resumed.events();
    expect(got.slice(0, 3).map((e) => [e.id, e.event])).toEqual(missed.rows.map((r) => [r.id, r.type]));
    expect(got[3]).toMatchObject({ event: 'ticket.assigned', data: { change: { from: 'agent-3', to: 'agent-7' } } });
    expect(BigInt(got[3]!.id) > BigInt(got[2]!.id)).toBe(true);
  });

  it('takes the cursor from since for clients that cannot send headers; the header wins over it', async () => {
    const id = await createTicket();
    await change(id, 'assign', { agentId: 'agent-7' });
    const rows = await stack.api.pool.query<{ id: string; type: string }>('SELECT id::text, type FROM events WHERE ticket_id = $1 ORDER BY events.id', [id]);
    const created = rows.rows.find((r) => r.type === 'ticket.created')!.id;
    const assigned = rows.rows.find((r) => r.type === 'ticket.assigned')!.id;
    const byQuery = await stream(`?ticketId=${id}&types=ticket.assigned&follow=false&since=${created}`);
    await byQuery.ended;
    expect(byQuery.events().map((e) => e.id)).toEqual([assigned]);
    const headerWins = await stream(`?ticketId=${id}&types=ticket.assigned&follow=false&since=${created}`, { 'last-event-id': assigned });
    await headerWins.ended;
    expect(headerWins.events()).toEqual([]);
  });

  it('shows a Customer the events of their own tickets only', async () => {
    const customer = await stream('', {}, await tokenFor('Customer'));
    const staff = await stream();
    const bobs = await createTicket({ customerUserId: 'bob@example.com' });
    const alices = await createTicket({ customerUserId: 'alice@example.com' });
    await customer.until((s) => ofTicket(s, alices).some((e) => e.event === 'ticket.created'));
    await staff.until((s) => ofTicket(s, alices).some((e) => e.event === 'ticket.created'));
    // Bob's ticket was created first, so its events have smaller ids: had they passed, they would be here.
    expect(ofTicket(staff, bobs).some((e) => e.event === 'ticket.created')).toBe(true);
    expect(ofTicket(customer, bobs)).toEqual([]);
    // Suites running alongside may create Alice's tickets too: every event shown is of one of hers.
    const shown = [...new Set(customer.events().map((e) => e.id))];
    const owners = await stack.api.pool.query<{ customer_user_id: string | null }>(
      'SELECT DISTINCT customer_user_id FROM events WHERE id = ANY($1::bigint[])', [shown],
    );
    expect(owners.rows).toEqual([{ customer_user_id: 'alice@example.com' }]);

    const asked = await stream(`?ticketId=${bobs}&follow=false&since=0`, {}, await tokenFor('Customer'));
    await asked.ended;
    expect(asked.events()).toEqual([]);
  });

  it('lets an API key with tickets:read stream', async () => {
    const key = await stack.api.apiKey(['tickets:read']);
    const keyed = await stream('?follow=false&since=0', {}, key);
    await keyed.ended;
    expect(keyed.status).toBe(200);
    expect(keyed.events().length).toBeGreaterThan(0);
  });

  it('answers 401 without credentials', async () => {
    const response = await stack.api.request({ url: '/api/v1/events', token: null });
    expectProblem(response, 401, 'unauthorized');
  });

  it.each(['abc', '-1', '1e3', '12345678901234567890', '99999999999999999999', '0x10', '1.5'])('answers 400 invalid_last_event_id to the Last-Event-ID %j', async (value) => {
    const response = await stack.api.request({ url: '/api/v1/events', headers: { 'last-event-id': value } });
    expectProblem(response, 400, 'invalid_last_event_id');
  });

  it('answers 400 invalid_last_event_id to an id the log never issued (forged)', async () => {
    const head = await stack.api.pool.query<{ head: string }>('SELECT coalesce(max(id), 0)::text AS head FROM events');
    const forged = (BigInt(head.rows[0]!.head) + 1000n).toString();
    expectProblem(await stack.api.request({ url: '/api/v1/events', headers: { 'last-event-id': forged } }), 400, 'invalid_last_event_id');
    expectProblem(await stack.api.request({ url: `/api/v1/events?since=${forged}` }), 400, 'invalid_last_event_id');
  });

  it('answers 400 to an unknown event type and accepts every known one', async () => {
    expectProblem(await stack.api.request({ url: '/api/v1/events?types=ticket.created,ticket.exploded' }), 400, 'validation_failed');
    const every = await stream(`?types=${EVENT_TYPES.join(',')}&follow=false`);
    await every.ended;
    expect(every.status).toBe(200);
  });
});
