import { expectProblem, fieldsOf, insertTicket, startApi, type TestApi } from '../../../../../support';

// No worker polls this test's task queue: a change reaches a workflow that cannot answer.
let api: TestApi;
beforeAll(async () => {
  api = await startApi({ label: 'api-assign', createWaitMs: 200, callTimeoutMs: 1500 });
});
afterAll(() => api.close());

const assign = (id: string, payload: unknown) => api.request({ method: 'POST', url: `/api/v1/tickets/${id}/assign`, payload });

describe('POST /api/v1/tickets/{id}/assign', () => {
  it('returns 400 naming body.agentId when it is missing or empty', async () => {
    expect(fieldsOf(await assign('any', { actor: 'agent-1' }))).toEqual(['body.agentId']);
    expect(fieldsOf(await assign('any', { agentId: '' }))).toEqual(['body.agentId']);
  });

  it('returns 404 for an unknown ticket', async () => {
    expectProblem(await assign('no-such-ticket', { agentId: 'agent-7' }), 404, 'ticket_not_found');
  });

  it('returns 409 ticket_closed when the ticket has a row but no running workflow', async () => {
    const row = await insertTicket(api.pool);
    expectProblem(await assign(row.id, { agentId: 'agent-7' }), 409, 'ticket_closed');
  });

  it('returns 503 workflow_unavailable with Retry-After within the call timeout when no worker answers', async () => {
    const created = await api.request({ method: 'POST', url: '/api/v1/tickets', payload: { title: 'Nobody home' } });
    const started = Date.now();
    const response = await assign(created.json().id, { agentId: 'agent-7' });
    expect(Date.now() - started).toBeLessThan(api.config.temporal.callTimeoutMs + 1000);
    expectProblem(response, 503, 'workflow_unavailable');
    expect(response.headers['retry-after']).toBe(String(api.config.api.retryAfterSeconds));
  });
});
