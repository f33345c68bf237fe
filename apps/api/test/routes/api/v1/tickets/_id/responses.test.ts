import { GOTRS_KEY_SCOPES, expectProblem, fieldsOf, insertTicket, startApi, type TestApi } from '../../../../../support';

// No worker polls this test's task queue (the end-to-end tests record responses with the real worker).
let api: TestApi;
beforeAll(async () => {
  api = await startApi({ label: 'api-responses', createWaitMs: 200, callTimeoutMs: 1500 });
});
afterAll(() => api.close());

// GOTRS reports its agents' replies with its own key, naming the agent.
const respond = async (id: string, payload: unknown) =>
  api.request({ method: 'POST', url: `/api/v1/tickets/${id}/responses`, payload, token: await api.apiKey(GOTRS_KEY_SCOPES) });

describe('POST /api/v1/tickets/{id}/responses', () => {
  it('returns 400 naming body.agentId when it is missing or blank', async () => {
    expect(fieldsOf(await respond('any', { reason: 'replied' }))).toEqual(['body.agentId']);
    expect(fieldsOf(await respond('any', { agentId: '  ' }))).toEqual(['body.agentId']);
  });

  it('returns 404 for an unknown ticket', async () => {
    expectProblem(await respond('no-such-ticket', { agentId: 'agent-7' }), 404, 'ticket_not_found');
  });

  it('returns 409 ticket_closed when the ticket has a row but no running workflow', async () => {
    const row = await insertTicket(api.pool);
    expectProblem(await respond(row.id, { agentId: 'agent-7' }), 409, 'ticket_closed');
  });

  it('returns 503 workflow_unavailable within the call timeout when no worker answers', async () => {
    const created = await api.request({ method: 'POST', url: '/api/v1/tickets', payload: { title: 'Nobody home' } });
    const started = Date.now();
    const response = await respond(created.json().id, { agentId: 'agent-7' });
    expect(Date.now() - started).toBeLessThan(api.config.temporal.callTimeoutMs + 1000);
    expectProblem(response, 503, 'workflow_unavailable');
  });
});
