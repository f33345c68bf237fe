import { expectProblem, fieldsOf, insertTicket, startApi, type TestApi } from '../../../../../support';

// No worker polls this test's task queue.
let api: TestApi;
beforeAll(async () => {
  api = await startApi({ label: 'api-get', createWaitMs: 200 });
});
afterAll(() => api.close());

describe('GET /api/v1/tickets/{id}', () => {
  it('answers 200 with the ticket row from PostgreSQL', async () => {
    const row = await insertTicket(api.pool, { title: 'Broken mouse', priority: 2 });
    const response = await api.request({ url: `/api/v1/tickets/${row.id}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(row);
  });

  it('answers 200 with number null for a ticket Temporal accepted but nobody wrote yet', async () => {
    const created = await api.request({ method: 'POST', url: '/api/v1/tickets', payload: { title: 'Waiting for a worker' } });
    expect(created.statusCode).toBe(202);
    const response = await api.request({ url: created.headers.location! });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(created.json());
  });

  it('returns 404 ticket_not_found for an unknown ticket', async () => {
    expectProblem(await api.request({ url: '/api/v1/tickets/4d3c2b1a-0000-4000-8000-000000000000' }), 404, 'ticket_not_found');
  });

  it('returns 400 naming params.id for an ID that cannot be a ticket ID', async () => {
    expect(fieldsOf(await api.request({ url: '/api/v1/tickets/bad%20id%21' }))).toEqual(['params.id']);
  });
});
