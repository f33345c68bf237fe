import { applyStatus } from '@gotrs/db';
import { expectProblem, fieldsOf, insertTicket, startApi, type TestApi } from '../../../../../support';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ label: 'api-reopen' });
});
afterAll(() => api.close());

describe('POST /api/v1/tickets/{id}/reopen', () => {
  it('returns 404 for an unknown ticket, with or without a body', async () => {
    expectProblem(await api.request({ method: 'POST', url: '/api/v1/tickets/no-such-ticket/reopen' }), 404, 'ticket_not_found');
    expectProblem(await api.request({ method: 'POST', url: '/api/v1/tickets/no-such-ticket/reopen', payload: {} }), 404, 'ticket_not_found');
  });

  it('returns 409 illegal_transition for a merged ticket, without starting a workflow', async () => {
    const row = await insertTicket(api.pool);
    await applyStatus(api.pool, {
      ticketId: row.id, changeId: `${row.id}/merge`, actor: 'test', reason: null, source: 'api', at: new Date().toISOString(),
      status: 'merged', pendingUntil: null, action: 'status-changed',
    });
    expectProblem(await api.request({ method: 'POST', url: `/api/v1/tickets/${row.id}/reopen` }), 409, 'illegal_transition');
  });

  it('returns 409 ticket_not_closed for a ticket that is not closed', async () => {
    const row = await insertTicket(api.pool);
    expectProblem(await api.request({ method: 'POST', url: `/api/v1/tickets/${row.id}/reopen` }), 409, 'ticket_not_closed');
  });

  it('returns 400 naming body.reason when it is not a string', async () => {
    expect(fieldsOf(await api.request({ method: 'POST', url: '/api/v1/tickets/any/reopen', payload: { reason: 5 } }))).toEqual(['body.reason']);
  });
});
