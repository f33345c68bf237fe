import { randomUUID } from 'node:crypto';
import { slaWorkflowId, ticketWorkflowId } from '@gotrs/contracts';
import type { SlaPlan } from '@gotrs/sla';
import { defaultPayloadConverter } from '@temporalio/common';
import { expectProblem, fieldsOf, insertTicket, startApi, type TestApi } from '../../../../support';
import { newTicketId } from '../../../../../src/tickets/ticket-id';

// No worker polls this test's task queue: creates are accepted (202) and never written.
let api: TestApi;
beforeAll(async () => {
  api = await startApi({ label: 'api-tickets', createWaitMs: 300 });
});
afterAll(() => api.close());

const create = (payload: unknown, headers: Record<string, string> = {}) =>
  api.request({ method: 'POST', url: '/api/v1/tickets', payload, headers });

describe('POST /api/v1/tickets', () => {
  it('returns 400 naming body.title when the title is missing', async () => {
    const body = expectProblem(await create({ description: 'no title' }), 400, 'validation_failed');
    expect(body.errors).toEqual([{ field: 'body.title', message: 'is required' }]);
  });

  it('returns 400 naming every offending field at once', async () => {
    const response = await create({ title: '   ', priority: 9, queue: '', customerUserId: 7 });
    expectProblem(response, 400, 'validation_failed');
    expect(fieldsOf(response)).toEqual(['body.customerUserId', 'body.priority', 'body.queue', 'body.title']);
  });

  it('returns 400 for a priority that is neither 1..5 nor an OTRS name', async () => {
    const body = expectProblem(await create({ title: 'Printer', priority: '6 urgent' }), 400, 'validation_failed');
    expect(body.errors).toEqual([{ field: 'body.priority', message: expect.stringContaining('"5 very high"') }]);
  });

  it('returns 400 naming an unknown field instead of dropping it (a typo must not create a priority-3 ticket)', async () => {
    const body = expectProblem(await create({ title: 'Printer', priorty: 5 }), 400, 'validation_failed');
    expect(body.errors).toEqual([{ field: 'body.priorty', message: 'is not a known field' }]);
  });

  it('takes the priority as a number or as an OTRS name', async () => {
    const tickets = await Promise.all([create({ title: 'Number', priority: 5 }), create({ title: 'Name', priority: '5 very high' })]);
    expect(tickets.map((r) => [r.statusCode, r.json().priority])).toEqual([[202, 5], [202, 5]]);
    expect((await create({ title: 'Default' })).json().priority).toBe(3);
  });

  it('refuses text PostgreSQL cannot store, naming the field', async () => {
    const body = expectProblem(await create({ title: 'Printer\u0000', description: 'half a pair: \ud800' }), 400, 'validation_failed');
    expect(body.errors).toEqual([
      { field: 'body.title', message: 'must not contain the NUL character (U+0000)' },
      { field: 'body.description', message: 'must not contain an unpaired UTF-16 surrogate' },
    ]);
  });

  it('takes JSON types as they are: a number is not a title', async () => {
    expect(fieldsOf(await create({ title: 42 }))).toEqual(['body.title']);
  });

  it('returns 400 naming the header when the Idempotency-Key is not usable', async () => {
    const response = await create({ title: 'Printer' }, { 'idempotency-key': 'x'.repeat(300) });
    expectProblem(response, 400, 'validation_failed');
    expect(fieldsOf(response)).toEqual(['headers.idempotency-key']);
  });

  it('returns 202 with the accepted ticket and its Location when no worker writes it in time', async () => {
    const response = await create({ title: 'Printer on fire', priority: '4 high', customerUserId: 'cust-1' });
    expect(response.statusCode).toBe(202);
    const ticket = response.json();
    expect(ticket).toMatchObject({
      number: null, title: 'Printer on fire', status: 'new', statusType: 'new', priority: 4, queue: 'Raw',
      customerUserId: 'cust-1', assignee: null, description: null,
    });
    expect(response.headers.location).toBe(`/api/v1/tickets/${ticket.id}`);
  });

  it('answers the same ticket for the same Idempotency-Key, with a single workflow run', async () => {
    const key = `order-${randomUUID()}`;
    const first = await create({ title: 'Same request', priority: 2 }, { 'idempotency-key': key });
    const handle = api.client.workflow.getHandle(ticketWorkflowId(first.json().id));
    const { runId } = await handle.describe();
    const second = await create({ priority: 2, title: 'Same request' }, { 'idempotency-key': key });
    expect([first.statusCode, second.statusCode]).toEqual([202, 202]);
    expect(second.json()).toEqual(first.json());
    expect((await handle.describe()).runId).toBe(runId);
  });

  it('returns 422 when the Idempotency-Key comes back with a different body', async () => {
    const key = `order-${randomUUID()}`;
    expect((await create({ title: 'First' }, { 'idempotency-key': key })).statusCode).toBe(202);
    const body = expectProblem(await create({ title: 'Second' }, { 'idempotency-key': key }), 422, 'idempotency_key_reused');
    expect(body.errors).toEqual([{ field: 'headers.idempotency-key', message: expect.any(String) }]);
  });
});

describe('GET /api/v1/tickets', () => {
  const queue = `queue-${randomUUID()}`;
  const ids: string[] = [];
  beforeAll(async () => {
    for (const [i, priority] of [3, 4, 4].entries()) {
      const at = new Date(Date.UTC(2026, 0, 1, 10, i)).toISOString();
      ids.push((await insertTicket(api.pool, { queue, priority, customerUserId: i === 2 ? 'vip' : 'std' }, at)).id);
    }
  });

  it('pages through the filtered tickets newest first with nextCursor', async () => {
    const first = await api.request({ url: `/api/v1/tickets?queue=${queue}&limit=2` });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items.map((t: { id: string }) => t.id)).toEqual([ids[2], ids[1]]);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = (await api.request({ url: `/api/v1/tickets?queue=${queue}&limit=2&cursor=${page1.nextCursor}` })).json();
    expect(page2).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
  });

  it('combines filters: status names and aliases, priority names, customer', async () => {
    const url = `/api/v1/tickets?queue=${queue}&status=new,closed&statusType=new&priority=4%20high&customerUserId=vip`;
    const page = (await api.request({ url })).json();
    expect(page.items.map((t: { id: string }) => t.id)).toEqual([ids[2]]);
  });

  it('takes a list filter repeated or comma-separated, values trimmed', async () => {
    const found = (query: string) => api.request({ url: `/api/v1/tickets?queue=${queue}&${query}` }).then((r) => r.json().items.map((t: { id: string }) => t.id));
    const all = [ids[2], ids[1], ids[0]];
    expect(await found('status=new&status=closed&statusType=open&statusType=new')).toEqual(all);
    expect(await found('status=new,%20closed&statusType=open,new')).toEqual(all);
    expect(await found('status=open&status=closed')).toEqual([]);
  });

  it('returns 400 naming the value of querystring.status that is not a status', async () => {
    const body = expectProblem(await api.request({ url: '/api/v1/tickets?status=open,sleeping' }), 400, 'validation_failed');
    expect(body.errors).toEqual([{ field: 'querystring.status.1', message: expect.stringContaining('"pending reminder"') }]);
  });

  it('returns 400 naming each bad filter', async () => {
    const response = await api.request({ url: '/api/v1/tickets?statusType=done&priority=7' });
    expect(fieldsOf(response)).toEqual(['querystring.priority', 'querystring.statusType.0']);
  });

  it('returns 400, not 500, for a filter holding NUL', async () => {
    for (const name of ['assignee', 'queue', 'customerUserId', 'cursor']) {
      const body = expectProblem(await api.request({ url: `/api/v1/tickets?${name}=a%00b` }), 400, 'validation_failed');
      expect(body.errors).toEqual([{ field: `querystring.${name}`, message: 'must not contain the NUL character (U+0000)' }]);
    }
  });

  it('returns 400 naming an unknown parameter instead of ignoring it', async () => {
    const body = expectProblem(await api.request({ url: `/api/v1/tickets?queue=${queue}&asignee=agent-7` }), 400, 'validation_failed');
    expect(body.errors).toEqual([{ field: 'querystring.asignee', message: 'is not a known field' }]);
  });

  it('returns 400 for a limit out of 1..100', async () => {
    expect(fieldsOf(await api.request({ url: '/api/v1/tickets?limit=0' }))).toEqual(['querystring.limit']);
    expect(fieldsOf(await api.request({ url: '/api/v1/tickets?limit=101' }))).toEqual(['querystring.limit']);
  });

  it('returns 400 invalid_cursor for a cursor it did not issue', async () => {
    expectProblem(await api.request({ url: '/api/v1/tickets?cursor=not-a-cursor' }), 400, 'invalid_cursor');
  });
});

describe('POST /api/v1/tickets with an sla override', () => {
  /** The arguments `sla-{id}` was started with, from its first history event. */
  async function slaStart(ticketId: string) {
    const handle = api.client.workflow.getHandle(slaWorkflowId(ticketId));
    const [started] = (await handle.fetchHistory()).events ?? [];
    const attributes = started!.workflowExecutionStartedEventAttributes!;
    const args = (attributes.input?.payloads ?? []).map((p) => defaultPayloadConverter.fromPayload(p)) as [string, { plan: SlaPlan }];
    return { type: attributes.workflowType?.name, args, description: await handle.describe() };
  }

  it("starts sla-{id} with the override's targets on 24x7, from the ticket's own createdAt", async () => {
    const response = await create({ title: 'Printer', priority: 5, sla: { firstResponseTime: 'PT4H', resolutionTime: 'P1D', updateTime: 'PT2H' } });
    expect(response.statusCode).toBe(202);
    const ticket = response.json();
    const { type, args: [id, { plan }], description } = await slaStart(ticket.id);
    expect({ type, id }).toEqual({ type: 'SLAEnforcementWorkflow', id: ticket.id });
    expect(plan).toMatchObject({
      policy: { name: 'premium', version: 1, reason: expect.stringMatching(/^targets overridden by the request \(24x7\); rule 1/) },
      calendar: { name: '24x7' },
      startedAt: ticket.createdAt,
      milestones: [
        { name: 'FirstResponse', targetMs: 4 * 3_600_000 },
        { name: 'Resolution', targetMs: 86_400_000 },
        { name: 'Update', targetMs: 2 * 3_600_000 },
      ],
    });
    // queue and priority: for the SLA workflow's TicketQueue and TicketPriority search attributes;
    // workflowSettings: what the run follows (config/temporal.yaml), so it need not ask the worker.
    expect(description.memo).toEqual({ policy: 'premium', policyVersion: 1, queue: 'Raw', priority: 5, workflowSettings: api.config.workflows });
  });

  it('starts sla-{id} with the policy chosen by priority and queue when there is no override', async () => {
    const ticket = (await create({ title: 'Printer', queue: 'VIP' })).json();
    const { args: [, { plan }] } = await slaStart(ticket.id);
    expect(plan.policy).toEqual({ name: 'premium', version: 1, reason: 'rule 2 (queue in [VIP]) matched priority 3, queue "VIP"' });
    expect(plan.milestones.map((m) => m.name)).toEqual(['FirstResponse', 'Resolution', 'Update']);
  });

  it('keeps the one SLA run when a create is retried with the same Idempotency-Key', async () => {
    const key = `sla-${randomUUID()}`;
    const body = { title: 'Same', sla: { firstResponseTime: 'PT1H' } };
    const first = await create(body, { 'idempotency-key': key });
    const { description } = await slaStart(first.json().id);
    expect((await create(body, { 'idempotency-key': key })).json()).toEqual(first.json());
    expect((await slaStart(first.json().id)).description.runId).toBe(description.runId);
  });

  it("starts a missing sla-{id} on a retry, from the first attempt's createdAt", async () => {
    // A first attempt that started ticket-{id} and stopped before sla-{id}.
    const key = `sla-${randomUUID()}`;
    const id = newTicketId('user:gotrs:1', key); // the Admin's scope: the default caller of api.request
    const createdAt = new Date(Date.now() - 60_000).toISOString();
    const ticket = { id, title: 'Half done', priority: 3, queue: 'Raw', createdAt };
    await api.client.workflow.start('TicketLifecycleWorkflow', {
      workflowId: ticketWorkflowId(id), taskQueue: api.config.temporal.taskQueue, args: [{ ticket }], memo: { ticket },
    });
    const retry = await create({ title: 'Half done', sla: { firstResponseTime: 'PT1H' } }, { 'idempotency-key': key });
    expect(retry.json()).toMatchObject({ id, createdAt });
    const { args: [, { plan }] } = await slaStart(id);
    expect(plan).toMatchObject({ startedAt: createdAt, milestones: [{ name: 'FirstResponse', targetMs: 3_600_000 }] });
  });

  it('returns 400 invalid_duration naming each malformed duration', async () => {
    const response = await create({ title: 'Printer', sla: { firstResponseTime: 'P1M', resolutionTime: '4 hours', updateTime: 'PT2H' } });
    const body = expectProblem(response, 400, 'invalid_duration');
    expect(body.errors).toEqual([
      { field: 'body.sla.firstResponseTime', message: expect.stringContaining('years and months have no fixed length') },
      { field: 'body.sla.resolutionTime', message: expect.stringContaining('must start with "P"') },
    ]);
  });

  it.each([
    ['an empty override', {}, 'body.sla'],
    ['a duration that is not a string', { firstResponseTime: 14_400 }, 'body.sla.firstResponseTime'],
    ['a zero duration', { resolutionTime: 'PT0S' }, 'body.sla.resolutionTime'],
  ])('returns 400 naming the field for %s', async (_what, sla, field) => {
    expect(fieldsOf(await create({ title: 'Printer', sla }))).toEqual([field]);
  });

  it('returns 400 naming an unknown milestone, rather than silently using the policy', async () => {
    const body = expectProblem(await create({ title: 'Printer', sla: { firstResponse: 'PT1H' } }), 400, 'validation_failed');
    expect(body.errors).toEqual([{ field: 'body.sla.firstResponse', message: 'is not a known field' }]);
  });
});
