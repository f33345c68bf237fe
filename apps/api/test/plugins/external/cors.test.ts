import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { expectProblem, startApi, type HttpResponse, type TestApi } from '../../support';
import { authSettings, gotrsToken } from '../../auth/tokens';
import cors from '../../../src/plugins/external/cors';
import identity from '../../../src/plugins/app/identity';
import { ALLOWED_ORIGIN, bearer, send, startEdgeApp, type EdgeApp } from '../edge-app';

const EVIL_ORIGIN = 'https://evil.example.test';

function corsHeaders(response: HttpResponse): Record<string, string> {
  return Object.fromEntries(Object.entries(response.headers).filter(([name]) => name.startsWith('access-control-')));
}

function preflight(base: string, path: string, origin: string, headers = 'authorization,content-type,idempotency-key,x-request-id') {
  return send(base, path, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers },
  });
}

describe('CORS of the API as buildApp makes it', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ label: 'api-cors', corsOrigins: [ALLOWED_ORIGIN] });
  });
  afterAll(() => api.close());

  it('lets a page of an allowed origin read the answer and the headers it needs', async () => {
    const response = await send(api.url, '/healthz', { headers: { origin: ALLOWED_ORIGIN } });
    expect(response.statusCode).toBe(200);
    expect(corsHeaders(response)).toEqual({
      'access-control-allow-origin': ALLOWED_ORIGIN,
      'access-control-expose-headers': 'Location, X-Request-Id, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, WWW-Authenticate',
    });
    expect(response.headers.vary).toMatch(/\bOrigin\b/);
  });

  it('answers a preflight of an allowed origin with 204, the methods and the request headers the API takes', async () => {
    const response = await preflight(api.url, '/api/v1/tickets/t-1/reopen', ALLOWED_ORIGIN);
    expect({ status: response.statusCode, body: response.body, length: response.headers['content-length'] }).toEqual({ status: 204, body: '', length: '0' });
    expect(corsHeaders(response)).toEqual({
      'access-control-allow-origin': ALLOWED_ORIGIN,
      'access-control-allow-methods': 'GET, HEAD, POST',
      'access-control-allow-headers': 'Authorization, Content-Type, Idempotency-Key, X-Request-Id',
      'access-control-expose-headers': expect.stringContaining('Retry-After'),
      'access-control-max-age': '600',
    });
  });

  it('gives another origin no CORS header at all, on an answer or a preflight', async () => {
    const answer = await send(api.url, '/healthz', { headers: { origin: EVIL_ORIGIN } });
    expect(answer.statusCode).toBe(200);
    expect(corsHeaders(answer)).toEqual({});
    const refused = await preflight(api.url, '/api/v1/tickets/t-1/reopen', EVIL_ORIGIN);
    expect(corsHeaders(refused)).toEqual({});
    expectProblem(refused, 405, 'method_not_allowed');
    // An origin that only starts like an allowed one, or the allowed one with a path, is another origin.
    for (const origin of [`${ALLOWED_ORIGIN}.evil.test`, `${ALLOWED_ORIGIN}:8443`, 'null', ALLOWED_ORIGIN.replace('https', 'http')]) {
      expect(corsHeaders(await preflight(api.url, '/api/v1/tickets', origin))).toEqual({});
    }
  });

  it('answers an OPTIONS that is no preflight as before: 405 with the path methods, or 404', async () => {
    const response = await send(api.url, '/api/v1/tickets', { method: 'OPTIONS', headers: { origin: ALLOWED_ORIGIN } });
    expectProblem(response, 405, 'method_not_allowed');
    expect(response.headers.allow).toBe('GET, HEAD, POST');
    expect(corsHeaders(response)).toEqual({});
    expectProblem(await send(api.url, '/api/v1/nothing-here', { method: 'OPTIONS' }), 404, 'route_not_found');
  });
});

describe('CORS of the default configuration', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ label: 'api-cors-default' });
  });
  afterAll(() => api.close());

  it('allows no origin: api.cors_origins is empty', async () => {
    expect(api.config.api.corsOrigins).toEqual([]);
    expect(corsHeaders(await send(api.url, '/healthz', { headers: { origin: ALLOWED_ORIGIN } }))).toEqual({});
    expect(corsHeaders(await preflight(api.url, '/api/v1/tickets', ALLOWED_ORIGIN))).toEqual({});
  });
});

describe('CORS in front of identity', () => {
  let edge: EdgeApp;
  beforeAll(async () => {
    edge = await startEdgeApp('cors-identity', { rateLimit: { unauthenticated: 3 } });
  });
  afterAll(() => edge.close());

  it('answers preflights before credentials are checked, and without spending any budget', async () => {
    for (let i = 0; i < 5; i++) expect((await preflight(edge.url, '/api/v1/tickets/t-1/reopen', ALLOWED_ORIGIN)).statusCode).toBe(204);
    const answers = [await send(edge.url, '/api/v1/tickets'), await send(edge.url, '/api/v1/tickets')];
    expect(answers.map((a) => a.statusCode)).toEqual([401, 401]);
  });

  it('lets the page read the answer to its request with a token, and the 401 without one', async () => {
    const token = await gotrsToken();
    const init = (headers: Record<string, string>) => ({ method: 'POST', headers: { origin: ALLOWED_ORIGIN, 'content-type': 'application/json', ...headers }, body: '{"reason":"x"}' });
    const ok = await send(edge.url, '/api/v1/tickets/t-1/reopen', init(bearer(token)));
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    const refused = await send(edge.url, '/api/v1/tickets/t-1/reopen', init({}));
    expectProblem(refused, 401, 'unauthorized');
    expect(refused.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(refused.headers['access-control-expose-headers']).toContain('WWW-Authenticate');
  });

  it('refuses to be registered behind identity, where preflights would need credentials', async () => {
    const app = Fastify({ logger: false });
    await app.register(fp(async () => undefined, { name: 'database' }));
    await app.register(identity, { settings: authSettings() });
    await expect(app.register(cors, { origins: [ALLOWED_ORIGIN] })).rejects.toThrow(/register cors before identity/);
    await app.close();
  });
});
