import { randomUUID } from 'node:crypto';
import { GOTRS_KEY_SCOPES, actorOfRole, eventually, expectProblem, startStack, tokenFor, type Stack } from './support';

// The caller is the actor, from the token to PostgreSQL, on the real stack (worker included).
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ label: 'e2e-identity' });
  await stack.startWorker();
}, 60_000);
afterAll(() => stack?.close());

type Who = 'Admin' | 'Agent' | 'Customer' | { token: string };
const tokenOf = async (who: Who) => (typeof who === 'object' ? who.token : tokenFor(who));
const post = async (who: Who, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  stack.api.request({ method: 'POST', url, payload, headers, token: await tokenOf(who) });
const get = async (who: Who, url: string) => stack.api.request({ url, token: await tokenOf(who) });
const bob = () => tokenFor('Customer', { user_id: 101, email: 'bob@example.com', sub: 'bob@example.com' });

async function historyOf(url: string) {
  return (await get('Admin', `${url}/history?limit=100`)).json().items as Array<{ action: string; to: string; actor: string; actorIdentity: unknown }>;
}

describe('a Customer, an Agent and an API key on one ticket', () => {
  let url: string;

  it("lets a Customer create a ticket, which is theirs, and not read another customer's", async () => {
    const created = await post('Customer', '/api/v1/tickets', { title: 'Printer on fire' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ customerUserId: 'alice@example.com' });
    url = created.headers.location!;
    expect((await get('Customer', url)).statusCode).toBe(200);
    const others = await post({ token: await bob() }, '/api/v1/tickets', { title: "Bob's" });
    expectProblem(await get('Customer', others.headers.location!), 404, 'ticket_not_found');
    expectProblem(await get('Customer', `${others.headers.location!}/history`), 404, 'ticket_not_found');
    const listed = (await get('Customer', '/api/v1/tickets?limit=100')).json().items as Array<{ customerUserId: string }>;
    expect(new Set(listed.map((t) => t.customerUserId))).toEqual(new Set(['alice@example.com']));
    expectProblem(await get('Customer', '/api/v1/tickets?customerUserId=bob@example.com'), 403, 'forbidden');
    expectProblem(await post('Customer', '/api/v1/tickets', { title: 'For Bob', customerUserId: 'bob@example.com' }), 403, 'forbidden');
  });

  it('refuses an Agent who names another actor, and records the assignment by the agent the token names', async () => {
    expectProblem(await post('Agent', `${url}/assign`, { agentId: 'agent-7', actor: 'boss' }), 403, 'forbidden');
    expect((await post('Agent', `${url}/assign`, { agentId: 'agent-7', reason: 'mine' })).json()).toMatchObject({ assignee: 'agent-7' });
    const history = await historyOf(url);
    expect(history.filter((e) => e.action !== 'sla').map((e) => [e.action, e.to, e.actor, e.actorIdentity])).toEqual([
      ['created', 'new', 'alice@example.com', actorOfRole('Customer')],
      ['assigned', 'agent-7', 'agent-7@gotrs.local', actorOfRole('Agent')],
    ]);
    const { rows } = await stack.api.pool.query("SELECT actor, actor_method, actor_user_id FROM ticket_history WHERE ticket_id = $1 AND action = 'assigned'", [url.split('/').pop()]);
    expect(rows).toEqual([{ actor: 'agent-7@gotrs.local', actor_method: 'gotrs-token', actor_user_id: '7' }]);
  });

  it('records the SLA events a change causes by whoever made it, and the clock\'s own as sla', async () => {
    const pendingUntil = new Date(Date.now() + 86_400_000).toISOString();
    expect((await post('Agent', `${url}/status`, { status: 'pending', pendingUntil })).statusCode).toBe(200);
    const sla = await eventually(async () => {
      const view = (await get('Customer', `${url}/sla`)).json();
      return view.events?.some((e: { type: string }) => e.type === 'pause') ? view : undefined;
    });
    const events = sla.events.map((e: { type: string; actor: string; actorIdentity: { method: string } }) => `${e.type} by ${e.actor} (${e.actorIdentity.method})`);
    expect(events).toEqual(expect.arrayContaining(['start by sla (system)', 'pause by agent-7@gotrs.local (gotrs-token)']));
  });

  it("records an Agent's own response, and refuses one recorded as another agent", async () => {
    expectProblem(await post('Agent', `${url}/responses`, { agentId: 'agent-3' }), 403, 'forbidden');
    expect((await post('Agent', `${url}/responses`, {})).statusCode).toBe(200);
    expect((await historyOf(url)).find((e) => e.action === 'responded')).toMatchObject({ to: 'agent-7', actor: 'agent-7@gotrs.local', actorIdentity: actorOfRole('Agent') });
  });

  it("records GOTRS's own key acting for a person on their behalf", async () => {
    const gotrs = { token: await stack.api.apiKey(GOTRS_KEY_SCOPES) };
    expect((await post(gotrs, `${url}/assign`, { agentId: 'agent-3', actor: 'agent-1' })).statusCode).toBe(200);
    expect((await historyOf(url)).find((e) => e.action === 'assigned' && e.to === 'agent-3')).toMatchObject({
      actor: 'agent-1', actorIdentity: { method: 'api-key', keyName: expect.stringMatching(/^test-/), onBehalfOf: 'agent-1', userId: null },
    });
    const plain = { token: await stack.api.apiKey(['tickets:write']) };
    expectProblem(await post(plain, `${url}/assign`, { agentId: 'agent-8', actor: 'agent-1' }), 403, 'insufficient_scope');
  });

  it('lets an API key with tickets:read read, and nothing else', async () => {
    const reader = { token: await stack.api.apiKey(['tickets:read']) };
    expect((await get(reader, url)).statusCode).toBe(200);
    expect((await get(reader, `${url}/history`)).statusCode).toBe(200);
    expect((await get(reader, '/api/v1/tickets')).statusCode).toBe(200);
    for (const [path, payload] of [['/api/v1/tickets', { title: 'x' }], [`${url}/assign`, { agentId: 'agent-8' }], [`${url}/escalate`, { reason: 'x' }]] as const) {
      const response = await post(reader, path, payload);
      expectProblem(response, 403, 'insufficient_scope');
      expect(response.headers['www-authenticate']).toMatch(/scope="(tickets|escalations):write"/);
    }
    expect((await get('Admin', url)).json()).toMatchObject({ assignee: 'agent-3' });
  });

  it('records who escalated, in the escalation and its history', async () => {
    const response = await post('Agent', `${url}/escalate`, { reason: 'VIP' });
    expect(response.statusCode).toBe(202);
    const { workflowId } = response.json();
    const rows = await eventually(async () => {
      const result = await stack.api.pool.query('SELECT actor, actor_method, actor_email FROM escalations WHERE workflow_id = $1', [workflowId]);
      return result.rows.length ? result.rows : undefined;
    });
    expect(rows).toEqual([{ actor: 'agent-7@gotrs.local', actor_method: 'gotrs-token', actor_email: 'agent-7@gotrs.local' }]);
    const run = await stack.api.pool.query('SELECT actor, actor_user_id FROM escalation_runs WHERE workflow_id = $1', [workflowId]);
    expect(run.rows).toEqual([{ actor: 'agent-7@gotrs.local', actor_user_id: '7' }]);
  });
});

describe('ad-hoc notifications and inboxes', () => {
  it("refuses an Agent's email to an outside address (no open relay), and lets an Admin send it", async () => {
    const outside = { recipient: 'someone@elsewhere.example', subject: 'Hi', body: 'Buy now.' };
    const refused = await post('Agent', '/api/v1/notifications', outside);
    expect(expectProblem(refused, 403, 'forbidden').detail).toContain('outside the directory');
    expect((await post('Agent', '/api/v1/notifications', { ...outside, recipient: 'nobody-known' })).statusCode).toBe(403);
    expect((await post('Admin', '/api/v1/notifications', outside)).statusCode).toBe(202);
  });

  it('records who sent one, shows its record to the sender, and its inbox only to the recipient', async () => {
    const sent = await post('Agent', '/api/v1/notifications', { recipient: 'alice', channel: 'in-app', subject: 'Your printer', body: 'Fixed.' });
    expect(sent.json()).toMatchObject({ status: 'queued', requestedBy: actorOfRole('Agent') });
    const record = await eventually(async () => {
      const body = (await get('Agent', sent.headers.location!)).json();
      return body.inAppAt ? body : undefined;
    });
    expect(record).toMatchObject({ requestedBy: actorOfRole('Agent') });
    expect((await get('Customer', '/api/v1/notifications?recipient=alice')).json().items.map((n: { id: string }) => n.id)).toContain(record.id);
    expectProblem(await get('Agent', '/api/v1/notifications?recipient=alice'), 404, 'inbox_not_found');
    expectProblem(await post('Agent', `${sent.headers.location!}/read`), 404, 'notification_not_found');
    expect((await post('Customer', `${sent.headers.location!}/read`)).json()).toMatchObject({ readAt: expect.any(String) });
  });
});

describe('Idempotency-Keys, per caller', () => {
  it("never answers one caller with another's ticket or notification for the same key", async () => {
    const key = `shared-${randomUUID()}`;
    const alice = await post('Customer', '/api/v1/tickets', { title: 'Same key' }, { 'idempotency-key': key });
    const bobs = await post({ token: await bob() }, '/api/v1/tickets', { title: 'Same key' }, { 'idempotency-key': key });
    const again = await post('Customer', '/api/v1/tickets', { title: 'Same key' }, { 'idempotency-key': key });
    expect([alice.statusCode, bobs.statusCode, again.statusCode]).toEqual([201, 201, 201]);
    expect(bobs.json().id).not.toBe(alice.json().id);
    expect(bobs.json().customerUserId).toBe('bob@example.com');
    expect(again.json().id).toBe(alice.json().id);
    const note = { recipient: 'agent-3', subject: 'S', body: 'B' };
    const first = await post('Agent', '/api/v1/notifications', note, { 'idempotency-key': key });
    const second = await post('Admin', '/api/v1/notifications', note, { 'idempotency-key': key });
    expect(second.json().id).not.toBe(first.json().id);
  });
});
