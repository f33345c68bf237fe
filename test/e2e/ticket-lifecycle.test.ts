import { randomUUID } from 'node:crypto';
import { ticketWorkflowId } from '@gotrs/contracts';
import { GOTRS_KEY_SCOPES, eventually, expectProblem, startStack, type Stack } from './support';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ label: 'e2e-lifecycle' });
  await stack.startWorker();
}, 60_000);
afterAll(() => stack?.close());

const post = (url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  stack.api.request({ method: 'POST', url, payload, headers });
const get = (url: string) => stack.api.request({ url });
/** As GOTRS's own key, which may name the person a change is for (`actor`). */
const postAsGotrs = async (url: string, payload: unknown) =>
  stack.api.request({ method: 'POST', url, payload, token: await stack.api.apiKey(GOTRS_KEY_SCOPES) });

async function createTicket(payload: Record<string, unknown> = {}) {
  const response = await post('/api/v1/tickets', { title: 'Printer on fire', ...payload });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; number: string; [key: string]: unknown };
}

describe('a ticket, from creation to closure and back', () => {
  let id: string;
  let url: string;

  it('is created with 201, an OTRS number and a Location', async () => {
    const response = await postAsGotrs('/api/v1/tickets', { title: 'Printer on fire', priority: '4 high', queue: 'Hardware', actor: 'agent-1' });
    expect(response.statusCode).toBe(201);
    const ticket = response.json();
    expect(ticket).toMatchObject({ title: 'Printer on fire', priority: 4, queue: 'Hardware', status: 'new', number: expect.stringMatching(/^\d{16,}$/) });
    ({ id } = ticket);
    url = response.headers.location!;
    expect(url).toBe(`/api/v1/tickets/${id}`);
    expect((await get(url)).json()).toEqual(ticket);
  });

  it('is assigned with 200 and the updated ticket', async () => {
    const response = await postAsGotrs(`${url}/assign`, { agentId: 'agent-7', actor: 'lead', reason: 'on call' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id, assignee: 'agent-7' });
  });

  it('refuses an illegal transition with 409 and leaves the ticket unchanged', async () => {
    expect((await post(`${url}/status`, { status: 'open' })).json()).toMatchObject({ status: 'open' });
    expectProblem(await post(`${url}/status`, { status: 'new' }), 409, 'illegal_transition');
    expect((await get(url)).json()).toMatchObject({ status: 'open', assignee: 'agent-7' });
  });

  it('refuses a pending status without pendingUntil with 400, and accepts it with one', async () => {
    expectProblem(await post(`${url}/status`, { status: 'pending' }), 400, 'pending_until_required');
    const past = new Date(Date.now() - 60_000).toISOString();
    expectProblem(await post(`${url}/status`, { status: 'pending', pendingUntil: past }), 400, 'invalid_pending_until');
    const pendingUntil = new Date(Date.now() + 86_400_000).toISOString();
    const response = await post(`${url}/status`, { status: 'pending', pendingUntil });
    expect(response.json()).toMatchObject({ status: 'pending reminder', statusType: 'pending', pendingUntil });
  });

  it('closes, which ends the workflow run; later changes get 409 ticket_closed', async () => {
    const response = await post(`${url}/status`, { status: 'closed', reason: 'fixed' });
    expect(response.json()).toMatchObject({ status: 'closed successful', statusType: 'closed' });
    const handle = stack.api.client.workflow.getHandle(ticketWorkflowId(id));
    await eventually(async () => ((await handle.describe()).status.name === 'COMPLETED' ? true : undefined));
    expectProblem(await post(`${url}/assign`, { agentId: 'agent-8' }), 409, 'ticket_closed');
    expectProblem(await post(`${url}/status`, { status: 'open' }), 409, 'ticket_closed');
  });

  it('reopens in a new run under the same workflow ID', async () => {
    const handle = stack.api.client.workflow.getHandle(ticketWorkflowId(id));
    const closedRun = (await handle.describe()).runId;
    const response = await postAsGotrs(`${url}/reopen`, { actor: 'customer', reason: 'still burning' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id, status: 'open', statusType: 'open' });
    const description = await handle.describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.runId).not.toBe(closedRun);
    expectProblem(await post(`${url}/reopen`), 409, 'ticket_not_closed');
  });

  it('keeps every change in its history, paged with a cursor', async () => {
    // The reopened SLA records its new cycles' starts (Resolution, Update) a moment after the reopen answers: wait for them.
    await eventually(async () => {
      const { items } = (await get(`${url}/history?limit=100`)).json() as { items: Array<{ action: string; to: string | null }> };
      return items.filter((e) => e.action === 'sla' && e.to === 'start').length >= 5 || undefined;
    });
    const seen: Array<{ action: string; to: string | null; accepted: boolean; field?: string | null; reason?: string | null }> = [];
    let cursor: string | null = null;
    do {
      const page: { items: typeof seen; nextCursor: string | null } = (await get(`${url}/history?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    // The ticket's SLA events are merged into its history as action `sla` (see test/e2e/sla.test.ts).
    // Three clocks started with the ticket; the reopen starts new Resolution and Update cycles (FirstResponse was met once for good).
    expect(seen.filter((e) => e.action === 'sla' && e.to === 'start').map((e) => `${e.field}:${e.reason}`).sort()).toEqual([
      'FirstResponse:ticket created', 'Resolution:ticket created', 'Resolution:ticket reopened', 'Update:ticket created', 'Update:ticket reopened',
    ]);
    expect(seen.filter((e) => e.accepted && e.action !== 'sla').map((e) => `${e.action}:${e.to}`)).toEqual([
      'created:new',
      'assigned:agent-7',
      'status-changed:open',
      'status-changed:pending reminder',
      'status-changed:closed successful',
      'reopened:open',
    ]);
  });
});

describe('POST /api/v1/tickets with an Idempotency-Key', () => {
  it('answers the same ticket twice and writes one row', async () => {
    const key = `e2e-${randomUUID()}`;
    const first = await post('/api/v1/tickets', { title: 'Once only' }, { 'idempotency-key': key });
    const second = await post('/api/v1/tickets', { title: 'Once only' }, { 'idempotency-key': key });
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(second.json()).toEqual(first.json());
    const { rows } = await stack.api.pool.query('SELECT count(*)::int AS n FROM tickets WHERE title = $1 AND id = $2', ['Once only', first.json().id]);
    expect(rows[0].n).toBe(1);
  });

  it('still answers the ticket once its workflow has ended', async () => {
    const key = `e2e-${randomUUID()}`;
    const ticket = (await post('/api/v1/tickets', { title: 'Closed later' }, { 'idempotency-key': key })).json();
    await post(`/api/v1/tickets/${ticket.id}/status`, { status: 'closed' });
    const handle = stack.api.client.workflow.getHandle(ticketWorkflowId(ticket.id));
    await eventually(async () => ((await handle.describe()).status.name === 'COMPLETED' ? true : undefined));
    const retry = await post('/api/v1/tickets', { title: 'Closed later' }, { 'idempotency-key': key });
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toMatchObject({ id: ticket.id, number: ticket.number, status: 'closed successful' });
  });
});

describe('GET /api/v1/tickets', () => {
  const queue = `e2e-${randomUUID()}`;
  const ids: string[] = [];
  beforeAll(async () => {
    for (const priority of [1, 5, 5]) ids.push((await createTicket({ queue, priority })).id);
    await post(`/api/v1/tickets/${ids[2]}/assign`, { agentId: 'agent-9' });
  });

  it('filters by queue, priority and assignee', async () => {
    const byPriority = (await get(`/api/v1/tickets?queue=${queue}&priority=5%20very%20high`)).json();
    expect(byPriority.items.map((t: { id: string }) => t.id)).toEqual([ids[2], ids[1]]);
    const byAssignee = (await get(`/api/v1/tickets?queue=${queue}&assignee=agent-9`)).json();
    expect(byAssignee.items.map((t: { id: string }) => t.id)).toEqual([ids[2]]);
  });

  it('pages newest first with nextCursor until it is null', async () => {
    const page1 = (await get(`/api/v1/tickets?queue=${queue}&limit=2`)).json();
    const page2 = (await get(`/api/v1/tickets?queue=${queue}&limit=2&cursor=${page1.nextCursor}`)).json();
    expect([...page1.items, ...page2.items].map((t: { id: string }) => t.id)).toEqual([...ids].reverse());
    expect(page2.nextCursor).toBeNull();
  });
});
