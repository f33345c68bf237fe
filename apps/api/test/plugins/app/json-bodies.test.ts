import { expectProblem, startApi, type TestApi } from '../../support';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ label: 'api-bodies' });
});
afterAll(() => api.close());

const JSON_TYPE = { 'content-type': 'application/json' };

describe('request bodies', () => {
  it.each(['text/plain', 'text/plain; charset=utf-8'])('answers a %s body with 415 unsupported_media_type', async (type) => {
    const response = await api.request({ method: 'POST', url: '/api/v1/tickets', headers: { 'content-type': type }, payload: '{"title":"x"}' });
    expectProblem(response, 415, 'unsupported_media_type');
  });

  it('answers a 10 MB body with 413 payload_too_large on a change route too', async () => {
    const payload = JSON.stringify({ agentId: 'agent-7', reason: 'x'.repeat(10 * 1024 * 1024) });
    const response = await api.request({ method: 'POST', url: '/api/v1/tickets/abc/assign', headers: JSON_TYPE, payload });
    expectProblem(response, 413, 'payload_too_large');
  });

  it('answers deeply nested JSON with a 400 naming the field, not a crash', async () => {
    const payload = `{"title":"x","description":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const body = expectProblem(await api.request({ method: 'POST', url: '/api/v1/tickets', headers: JSON_TYPE, payload }), 400, 'validation_failed');
    expect(body.errors).toEqual([{ field: 'body.description', message: 'must be string or null' }]);
  });
});
