import { expectProblem, insertTicket, startApi, type TestApi } from '../../../../../support';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ label: 'api-history', createWaitMs: 200 });
});
afterAll(() => api.close());

describe('GET /api/v1/tickets/{id}/history', () => {
  it("answers the ticket's history entries, oldest first", async () => {
    const row = await insertTicket(api.pool, { createdBy: 'agent-1' });
    const response = await api.request({ url: `/api/v1/tickets/${row.id}/history` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      items: [expect.objectContaining({ ticketId: row.id, action: 'created', to: 'new', actor: 'agent-1', accepted: true })],
      nextCursor: null,
    });
  });

  it('answers an empty history for a ticket accepted but not written yet', async () => {
    const created = await api.request({ method: 'POST', url: '/api/v1/tickets', payload: { title: 'No worker' } });
    const response = await api.request({ url: `${created.headers.location}/history` });
    expect(response.json()).toEqual({ items: [], nextCursor: null });
  });

  it('returns 404 for an unknown ticket', async () => {
    expectProblem(await api.request({ url: '/api/v1/tickets/no-such-ticket/history' }), 404, 'ticket_not_found');
  });

  it('returns 400 invalid_cursor for a cursor it did not issue', async () => {
    const row = await insertTicket(api.pool);
    expectProblem(await api.request({ url: `/api/v1/tickets/${row.id}/history?cursor=abc` }), 400, 'invalid_cursor');
  });
});
