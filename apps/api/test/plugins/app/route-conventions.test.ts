import { derivedOperationId } from '../../../src/plugins/app/route-conventions';
import { expectProblem, startApi, type TestApi } from '../../support';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ label: 'api-conventions' });
});
afterAll(() => api.close());

describe('route conventions', () => {
  it.each([
    ['GET', '/api/v1/tickets/abc?verbose=1'],
    ['GET', '/api/v1/tickets/abc/sla?at=now'],
    ['GET', '/api/v1/notifications/abc?verbose=1'],
    ['POST', '/api/v1/notifications/abc/read?force=1'],
  ])('%s %s: a route without query parameters refuses an unknown one', async (method, url) => {
    const body = expectProblem(await api.request({ method, url }), 400, 'validation_failed');
    expect(body.errors).toEqual([{ field: `querystring.${url.split('?')[1]!.split('=')[0]}`, message: 'is not a known field' }]);
  });

  it('names a documented route that gives no operationId after its method and path', () => {
    expect(derivedOperationId('GET', '/healthz')).toBe('getHealthz');
    expect(derivedOperationId('POST', '/api/v1/tickets/:id/assign')).toBe('postApiV1TicketsIdAssign');
  });
});
