import { expectProblem, startApi, type TestApi } from '../../support';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ label: 'api-errors' });
});
afterAll(() => api.close());

describe('the error handler', () => {
  it('answers malformed JSON with 400 malformed_json', async () => {
    const response = await api.request({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { 'content-type': 'application/json' },
      payload: '{"title": "no end',
    });
    expectProblem(response, 400, 'malformed_json');
  });

  it('answers an empty JSON body with 400 malformed_json', async () => {
    const response = await api.request({ method: 'POST', url: '/api/v1/tickets', headers: { 'content-type': 'application/json' }, payload: '' });
    expectProblem(response, 400, 'malformed_json');
  });

  it('answers a body that is not JSON with 415 unsupported_media_type', async () => {
    const response = await api.request({ method: 'POST', url: '/api/v1/tickets', headers: { 'content-type': 'text/xml' }, payload: '<a/>' });
    expectProblem(response, 415, 'unsupported_media_type');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await api.request({ method: 'GET', url: '/api/v2/nothing?x=1' });
    const body = expectProblem(response, 404, 'route_not_found');
    expect(body.instance).toBe('/api/v2/nothing');
  });

  it('gives every problem the RFC 9457 members and the request ID', async () => {
    const response = await api.request({ method: 'GET', url: '/api/v1/tickets/unknown-ticket', headers: { 'x-request-id': 'req-123' } });
    expect(expectProblem(response, 404, 'ticket_not_found')).toEqual({
      type: 'urn:gotrs:problem:ticket_not_found',
      title: 'Ticket not found',
      status: 404,
      detail: 'no ticket with id "unknown-ticket"',
      code: 'ticket_not_found',
      instance: '/api/v1/tickets/unknown-ticket',
      requestId: 'req-123',
    });
  });
});
