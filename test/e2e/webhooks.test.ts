/**
 * Webhooks on the real stack (API, worker, Temporal, PostgreSQL) with a receiver on loopback
 * (webhooks.allow_private_targets is true in the test configuration): signed deliveries verified
 * with the standardwebhooks library, the same webhook-id on each retry, the delivery log, rotation,
 * private targets refused at creation and at delivery, deletion, and who may do it.
 */
import { webhookDispatchWorkflowId } from '@gotrs/contracts';
import { Webhook } from 'standardwebhooks';
import { startReceiver, type Receiver } from './webhook-receiver';
import { eventually, expectProblem, fieldsOf, startStack, tokenFor, type Stack } from './support';

jest.setTimeout(60_000);

const W = '/api/v1/webhooks';
let stack: Stack;
let receiver: Receiver;
const created: string[] = [];
beforeAll(async () => {
  stack = await startStack({ label: 'e2e-webhooks' });
  // Quick retries, so that a receiver failing twice recovers within the test (the worker reads these per run).
  stack.api.config.webhooks.retry = { initialIntervalMs: 200, backoffCoefficient: 1.5, maximumIntervalMs: 1000, retryForMs: 60_000 };
  await stack.startWorker();
  receiver = await startReceiver();
}, 120_000);
afterEach(async () => {
  stack.api.config.webhooks.allowPrivateTargets = true;
  receiver.answer = () => 204;
  for (const id of created.splice(0)) await stack.api.request({ method: 'DELETE', url: `${W}/${id}`, payload: {} });
});
afterAll(async () => {
  await stack?.close();
  await receiver?.close();
});

async function subscribe(path: string, events = ['ticket.created']) {
  const response = await stack.api.request({ method: 'POST', url: W, payload: { url: receiver.url(path), events, description: `e2e ${path}` } });
  expect(response.statusCode).toBe(201);
  created.push(response.json().id);
  return response.json() as { id: string; secret: string; url: string; status: string };
}

async function createTicket(): Promise<string> {
  const response = await stack.api.request({ method: 'POST', url: '/api/v1/tickets', payload: { title: 'Webhook me' } });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

const headersOf = (r: { headers: Record<string, unknown> }) => ({
  'webhook-id': String(r.headers['webhook-id']), 'webhook-timestamp': String(r.headers['webhook-timestamp']), 'webhook-signature': String(r.headers['webhook-signature']),
});

describe('webhook deliveries', () => {
  it('POSTs a ticket.created to the receiver, signed so that the standardwebhooks receiver verifies it', async () => {
    const sub = await subscribe('/signed');
    expect(sub).toMatchObject({ id: expect.any(String), secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/), status: 'active' });
    const ticketId = await createTicket();
    const [delivery] = await eventually(async () => (receiver.received('/signed', ticketId).length ? receiver.received('/signed', ticketId) : undefined));
    const payload = new Webhook(sub.secret).verify(delivery!.body, headersOf(delivery!)) as Record<string, unknown>;
    expect(payload).toMatchObject({ type: 'ticket.created', data: { ticketId, change: { ticket: { id: ticketId } } } });
    expect(delivery!.headers['webhook-id']).toBe(`evt_${delivery!.json.data.eventId}`);
    expect(() => new Webhook(sub.secret).verify(`${delivery!.body} `, headersOf(delivery!))).toThrow('No matching signature');
  });

  it('sends the same webhook-id again after 500s until the receiver recovers, and logs each attempt', async () => {
    const sub = await subscribe('/flaky');
    receiver.answer = (path, n) => (path === '/flaky' && n <= 2 ? 500 : 200);
    const ticketId = await createTicket();
    const attempts = await eventually(async () => (receiver.received('/flaky', ticketId).length >= 3 ? receiver.received('/flaky', ticketId) : undefined));
    expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);
    for (const a of attempts) expect(new Webhook(sub.secret).verify(a.body, headersOf(a))).toMatchObject({ data: { ticketId } });
    const log = await eventually(async () => {
      const page = (await stack.api.request({ url: `${W}/${sub.id}/deliveries` })).json();
      return page.items.length >= 3 ? page : undefined;
    });
    expect(log.items.map((d: Record<string, unknown>) => [d.attempt, d.outcome, d.statusCode, d.error, d.webhookId])).toEqual([
      [3, 'delivered', 200, null, attempts[0]!.headers['webhook-id']],
      [2, 'failed', 500, 'answered 500', attempts[0]!.headers['webhook-id']],
      [1, 'failed', 500, 'answered 500', attempts[0]!.headers['webhook-id']],
    ]);
    expect(log.items[0]).toMatchObject({ eventId: attempts[0]!.json.data.eventId, eventType: 'ticket.created', latencyMs: expect.any(Number), response: 'thanks' });
    const page = await stack.api.request({ url: `${W}/${sub.id}/deliveries?limit=2` });
    const rest = await stack.api.request({ url: `${W}/${sub.id}/deliveries?limit=2&cursor=${page.json().nextCursor}` });
    expect([page.json().items.length, rest.json().items.map((d: { attempt: number }) => d.attempt), rest.json().nextCursor]).toEqual([2, [1], null]);
    expect((await stack.api.request({ url: `${W}/${sub.id}` })).json()).toMatchObject({ failingSince: null, lastDeliveredAt: expect.any(String) });
  });

  it('signs with the new and the old secret after a rotation, so that either verifies', async () => {
    const sub = await subscribe('/rotated');
    const rotated = await stack.api.request({ method: 'POST', url: `${W}/${sub.id}/rotate-secret`, payload: {} });
    expect(rotated.statusCode).toBe(200);
    const { secret, previousSecretExpiresAt } = rotated.json();
    expect([secret === sub.secret, secret, previousSecretExpiresAt]).toEqual([false, expect.stringMatching(/^whsec_/), expect.any(String)]);
    const ticketId = await createTicket();
    const [delivery] = await eventually(async () => (receiver.received('/rotated', ticketId).length ? receiver.received('/rotated', ticketId) : undefined));
    expect(String(delivery!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const s of [secret, sub.secret]) expect(new Webhook(s).verify(delivery!.body, headersOf(delivery!))).toMatchObject({ data: { ticketId } });
  });
});

describe('webhook targets', () => {
  it.each(['http://127.0.0.1:9/x', 'http://[::1]/x', 'http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/', 'http://[fd00:ec2::254]/', 'http://localhost/'])(
    'refuses %s with 400 webhook_target_private without webhooks.allow_private_targets',
    async (url) => {
      stack.api.config.webhooks.allowPrivateTargets = false;
      const response = await stack.api.request({ method: 'POST', url: W, payload: { url, events: ['ticket.created'] } });
      expect(expectProblem(response, 400, 'webhook_target_private').errors).toEqual([{ field: 'body.url', message: expect.stringContaining('allow_private_targets') }]);
    },
  );

  it('refuses a host that does not resolve (400 webhook_target_unresolvable) and URLs that are no target (400 validation_failed)', async () => {
    expectProblem(await stack.api.request({ method: 'POST', url: W, payload: { url: 'https://nowhere.invalid/hook', events: ['ticket.created'] } }), 400, 'webhook_target_unresolvable');
    for (const url of ['ftp://example.com/', 'https://user:pw@example.com/', 'not a url', 'http://example.com/\u0000']) {
      const response = await stack.api.request({ method: 'POST', url: W, payload: { url, events: ['ticket.created'] } });
      expect([response.statusCode, response.json().code, fieldsOf(response)]).toEqual([400, 'validation_failed', ['body.url']]);
    }
  });

  it('checks the address again at each delivery: a target that became private is not called', async () => {
    const sub = await subscribe('/became-private');
    stack.api.config.webhooks.allowPrivateTargets = false;
    const ticketId = await createTicket();
    const log = await eventually(async () => {
      const page = (await stack.api.request({ url: `${W}/${sub.id}/deliveries` })).json();
      return page.items.length ? page : undefined;
    });
    expect(log.items[0]).toMatchObject({ outcome: 'failed', statusCode: null, error: expect.stringContaining('refused: the host 127.0.0.1 resolves to 127.0.0.1 (loopback)') });
    expect(receiver.received('/became-private', ticketId)).toEqual([]);
  });

  it('refuses bad input: unknown event types, NUL in the description, unknown fields, forged cursors', async () => {
    const bad = [{ url: receiver.url('/x'), events: ['ticket.nope'] }, { url: receiver.url('/x'), events: [] }, { url: receiver.url('/x'), events: ['ticket.created'], description: 'a\u0000b' },
      { url: receiver.url('/x'), events: ['ticket.created'], secret: 'mine' }];
    for (const payload of bad) expect((await stack.api.request({ method: 'POST', url: W, payload })).json().code).toBe('validation_failed');
    expectProblem(await stack.api.request({ url: `${W}?cursor=WyJ4Il0` }), 400, 'invalid_cursor');
    const sub = await subscribe('/cursor');
    expectProblem(await stack.api.request({ url: `${W}/${sub.id}/deliveries?cursor=WyIwIl0` }), 400, 'invalid_cursor');
    expectProblem(await stack.api.request({ url: `${W}/not-a-uuid` }), 404, 'webhook_not_found');
  });
});

describe('webhook subscriptions', () => {
  it('lists and reads subscriptions without their secrets', async () => {
    const sub = await subscribe('/listed');
    const one = (await stack.api.request({ url: `${W}/${sub.id}` })).json();
    const list = (await stack.api.request({ url: `${W}?limit=100` })).json();
    expect([one.secret, one.url, list.items.some((w: { id: string; secret?: string }) => w.id === sub.id && w.secret === undefined)]).toEqual([undefined, sub.url, true]);
  });

  it('deletes a subscription: 200 with it, then 404, and its dispatcher workflow stops', async () => {
    const sub = await subscribe('/deleted');
    const handle = stack.api.client.workflow.getHandle(webhookDispatchWorkflowId(sub.id));
    expect((await handle.describe()).status.name).toBe('RUNNING');
    const deleted = await stack.api.request({ method: 'DELETE', url: `${W}/${sub.id}`, payload: {} });
    expect([deleted.statusCode, deleted.json().id, deleted.json().secret]).toEqual([200, sub.id, undefined]);
    expectProblem(await stack.api.request({ url: `${W}/${sub.id}` }), 404, 'webhook_not_found');
    expectProblem(await stack.api.request({ method: 'DELETE', url: `${W}/${sub.id}`, payload: {} }), 404, 'webhook_not_found');
    expectProblem(await stack.api.request({ url: `${W}/${sub.id}/deliveries` }), 404, 'webhook_not_found');
    // Cancelled; or, when the DELETE came while it was reading, ended by itself on seeing the subscription deleted.
    const status = await eventually(async () => { const name = (await handle.describe()).status.name; return name === 'RUNNING' ? undefined : name; });
    if (status === 'COMPLETED') expect(await handle.result()).toMatchObject({ stopped: 'deleted' });
    else expect(status).toBe('CANCELLED');
    const ticketId = await createTicket();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(receiver.received('/deleted', ticketId)).toEqual([]);
  });

  it('answers 401 without credentials, 403 to an Agent and to a key without webhooks:admin, and lets a webhooks:admin key in', async () => {
    const payload = { url: receiver.url('/auth'), events: ['ticket.created'] };
    expectProblem(await stack.api.request({ method: 'POST', url: W, payload, token: null }), 401, 'unauthorized');
    expectProblem(await stack.api.request({ url: W, token: await tokenFor('Agent') }), 403, 'forbidden');
    expectProblem(await stack.api.request({ method: 'POST', url: W, payload, token: await stack.api.apiKey(['tickets:write', 'tickets:read']) }), 403, 'insufficient_scope');
    const made = await stack.api.request({ method: 'POST', url: W, payload, token: await stack.api.apiKey(['webhooks:admin']) });
    expect(made.statusCode).toBe(201);
    created.push(made.json().id);
    expect(made.json().createdBy).toMatch(/^api-key:test-/);
  });
});
