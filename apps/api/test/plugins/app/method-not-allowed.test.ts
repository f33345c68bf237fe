import { expectProblem, startApi, type TestApi } from '../../support';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ label: 'api-405' });
});
afterAll(() => api.close());

describe('a method the path has no route for', () => {
  it.each([
    ['DELETE', '/api/v1/tickets/abc', 'GET, HEAD'],
    ['PUT', '/api/v1/tickets', 'GET, HEAD, POST'],
    ['GET', '/api/v1/tickets/abc/assign', 'POST'],
    ['PATCH', '/api/v1/notifications/abc/read/', 'POST'],
    ['OPTIONS', '/healthz', 'GET, HEAD'],
  ])('%s %s answers 405 method_not_allowed with Allow: %s', async (method, url, allow) => {
    const response = await api.request({ method, url });
    const body = expectProblem(response, 405, 'method_not_allowed');
    expect(response.headers.allow).toBe(allow);
    expect(body.detail).toContain(allow);
    expect(response.headers['x-request-id']).toBe(body.requestId);
  });

  it('answers 405 before reading the body, so a text body does not turn it into a 415', async () => {
    const response = await api.request({ method: 'DELETE', url: '/api/v1/tickets/abc', headers: { 'content-type': 'text/plain' }, payload: 'x' });
    expectProblem(response, 405, 'method_not_allowed');
  });

  it('still answers 404 route_not_found for a path no method has', async () => {
    const response = await api.request({ method: 'DELETE', url: '/api/v1/ticket/abc' });
    expectProblem(response, 404, 'route_not_found');
    expect(response.headers.allow).toBeUndefined();
  });
});
