import { expectProblem, fieldsOf, startApi, type TestApi } from '../../../../../support';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ label: 'api-status' });
});
afterAll(() => api.close());

const changeStatus = (id: string, payload: unknown) => api.request({ method: 'POST', url: `/api/v1/tickets/${id}/status`, payload });

describe('POST /api/v1/tickets/{id}/status', () => {
  it('returns 400 naming body.status and listing the allowed values for an unknown status', async () => {
    const body = expectProblem(await changeStatus('any', { status: 'sleeping' }), 400, 'validation_failed');
    expect(body.errors).toEqual([{ field: 'body.status', message: expect.stringContaining('"pending auto close+", "pending auto close-"') }]);
  });

  it('returns 400 pending_until_required for a pending status without pendingUntil, before asking Temporal', async () => {
    const body = expectProblem(await changeStatus('no-such-ticket', { status: 'pending' }), 400, 'pending_until_required');
    expect(body.errors).toEqual([{ field: 'body.pendingUntil', message: expect.any(String) }]);
  });

  it('returns 400 naming body.pendingUntil when it is not an ISO date-time', async () => {
    expect(fieldsOf(await changeStatus('any', { status: 'pending reminder', pendingUntil: 'tomorrow' }))).toEqual(['body.pendingUntil']);
  });

  it('returns 404 for an unknown ticket', async () => {
    expectProblem(await changeStatus('no-such-ticket', { status: 'closed' }), 404, 'ticket_not_found');
  });
});
