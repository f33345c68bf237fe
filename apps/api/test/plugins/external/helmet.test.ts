import { expectProblem, startApi, type TestApi } from '../../support';
import { send } from '../edge-app';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ label: 'api-helmet' });
});
afterAll(() => api.close());

const CSP =
  "default-src 'self';base-uri 'self';connect-src 'self';font-src 'self';form-action 'self';frame-ancestors 'none';" +
  "img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline'";

describe('security headers', () => {
  it.each(['/healthz', '/docs', '/openapi.json', '/api/v1/tickets/no-such-ticket'])('are on the answer to GET %s', async (path) => {
    const response = await send(api.url, path);
    expect(response.headers).toMatchObject({
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-dns-prefetch-control': 'off',
      'x-permitted-cross-domain-policies': 'none',
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('are on a problem answered before any route runs (a 405)', async () => {
    const response = await send(api.url, '/api/v1/tickets', { method: 'DELETE' });
    expectProblem(response, 405, 'method_not_allowed');
    expect(response.headers['content-security-policy']).toBe(CSP);
  });

  it('allow no inline or eval script, no plugin, no framing, and no upgrade to https on /docs', async () => {
    const csp = (await send(api.url, '/docs')).headers['content-security-policy'] ?? '';
    expect(csp.split(';')).toEqual(expect.arrayContaining(["script-src 'self'", "script-src-attr 'none'", "object-src 'none'", "frame-ancestors 'none'"]));
    expect(csp).not.toMatch(/unsafe-eval|upgrade-insecure-requests/);
  });
});
