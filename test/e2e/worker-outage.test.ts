import { randomUUID } from 'node:crypto';
import { eventually, expectProblem, startStack, type Stack } from './support';

// A short create wait and call timeout keep the "worker is down" answers quick.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ label: 'e2e-outage', createWaitMs: 1000, callTimeoutMs: 2000 });
}, 60_000);
afterAll(() => stack?.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  stack.api.request({ method: 'POST', url, payload, headers });

describe('while no worker runs', () => {
  it('accepts a create with 202, and the ticket is written once a worker starts', async () => {
    await stack.stopWorker();
    const key = `outage-${randomUUID()}`;
    const accepted = await post('/api/v1/tickets', { title: 'Created during an outage' }, { 'idempotency-key': key });
    expect(accepted.statusCode).toBe(202);
    expect(accepted.json()).toMatchObject({ number: null, status: 'new' });
    const url = accepted.headers.location!;
    expect((await stack.api.request({ url })).json()).toMatchObject({ number: null });

    await stack.startWorker();
    const written = await eventually(async () => {
      const ticket = (await stack.api.request({ url })).json();
      return ticket.number ? ticket : undefined;
    });
    expect(written).toMatchObject({ id: accepted.json().id, title: 'Created during an outage', number: expect.stringMatching(/^\d+$/) });
    const retry = await post('/api/v1/tickets', { title: 'Created during an outage' }, { 'idempotency-key': key });
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toMatchObject({ id: written.id, number: written.number });
  }, 60_000);

  it('answers a change with 503 workflow_unavailable within the call timeout; repeating it later is safe', async () => {
    await stack.startWorker();
    const created = await post('/api/v1/tickets', { title: 'Assigned during an outage' });
    expect(created.statusCode).toBe(201);
    const url = created.headers.location!;
    await stack.stopWorker();

    const started = Date.now();
    const refused = await post(`${url}/assign`, { agentId: 'agent-3' });
    expect(Date.now() - started).toBeLessThan(stack.api.config.temporal.callTimeoutMs + 1000);
    expectProblem(refused, 503, 'workflow_unavailable');
    expect(refused.headers['retry-after']).toBe(String(stack.api.config.api.retryAfterSeconds));

    await stack.startWorker();
    const repeated = await eventually(async () => {
      const response = await post(`${url}/assign`, { agentId: 'agent-3' });
      return response.statusCode === 200 ? response : undefined;
    }, 30_000);
    expect(repeated.json()).toMatchObject({ assignee: 'agent-3' });
    const history = (await stack.api.request({ url: `${url}/history` })).json();
    const assigned = history.items.filter((e: { action: string; accepted: boolean }) => e.action === 'assigned' && e.accepted);
    // Whether or not the refused call was applied once the worker came back, the repeat was a no-op.
    expect(assigned).toHaveLength(1);
    expect((await stack.api.request({ url })).json()).toMatchObject({ assignee: 'agent-3' });
  }, 60_000);
});

describe('a worker stopped the moment it starts', () => {
  it('is running as soon as run() is called, and shuts down cleanly', async () => {
    // The webhook wake-ups' first PostgreSQL pass used to run before the poller started: a shutdown
    // in that window (a SIGTERM at start-up) found the worker INITIALIZED and threw "Not running".
    for (let round = 0; round < 3; round++) {
      await stack.startWorker();
      await stack.stopWorker();
    }
    await stack.startWorker();
    const created = await post('/api/v1/tickets', { title: 'After a quick restart' });
    expect(created.statusCode).toBe(201);
  }, 60_000);
});
