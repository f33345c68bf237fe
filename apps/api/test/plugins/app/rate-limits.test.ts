import { expectProblem, startApi, type HttpResponse, type TestApi } from '../../support';
import { gotrsToken } from '../../auth/tokens';
import { bearer, send, startEdgeApp, type EdgeApp } from '../edge-app';

function expectRateLimited(response: HttpResponse, limit: number): void {
  const body = expectProblem(response, 429, 'rate_limited');
  expect(body.detail).toMatch(new RegExp(`more than ${limit} requests per 1 min`));
  expect(response.headers['ratelimit-limit']).toBe(String(limit));
  expect(response.headers['ratelimit-remaining']).toBe('0');
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(60);
  expect(response.headers['ratelimit-reset']).toBe(response.headers['retry-after']);
}

async function statuses(count: number, call: (i: number) => Promise<HttpResponse>): Promise<number[]> {
  const answers: number[] = [];
  for (let i = 0; i < count; i++) answers.push((await call(i)).statusCode);
  return answers;
}

describe('rate limits per verified caller', () => {
  let edge: EdgeApp;
  beforeAll(async () => {
    edge = await startEdgeApp('rate-callers', { rateLimit: { perCaller: 3, unauthenticated: 2 } });
  });
  afterAll(() => edge.close());

  const list = (headers: Record<string, string>) => send(edge.url, '/api/v1/tickets', { headers });

  it("counts a caller's requests down in RateLimit-* headers, then answers 429 rate_limited with Retry-After", async () => {
    const token = await gotrsToken({ user_id: 101 });
    const answers = [await list(bearer(token)), await list(bearer(token)), await list(bearer(token))];
    expect(answers.map((a) => [a.statusCode, a.headers['ratelimit-limit'], a.headers['ratelimit-remaining']])).toEqual([
      [200, '3', '2'],
      [200, '3', '1'],
      [200, '3', '0'],
    ]);
    expect(Number(answers[0]!.headers['ratelimit-reset'])).toBeGreaterThan(0);
    expectRateLimited(await list(bearer(token)), 3);
  });

  it('keeps separate budgets for two callers, and one budget for a user whatever token it shows', async () => {
    const alice = await gotrsToken({ user_id: 201, email: 'alice@example.com' });
    const bob = await gotrsToken({ user_id: 202, email: 'bob@example.com' });
    expect(await statuses(3, () => list(bearer(alice)))).toEqual([200, 200, 200]);
    // A fresh token of the same user (another iat, say, after a refresh) is the same caller.
    const aliceAgain = await gotrsToken({ user_id: 201, email: 'alice@example.com', iat: Math.floor(Date.now() / 1000) - 5 });
    expect(aliceAgain).not.toBe(alice);
    expect((await list(bearer(aliceAgain))).statusCode).toBe(429);
    expect(await statuses(3, () => list(bearer(bob)))).toEqual([200, 200, 200]);
    expect((await list(bearer(bob))).statusCode).toBe(429);
  });

  it('gives an API key a budget of its own, and counts its 403s against it', async () => {
    const key = await edge.apiKey('reader', ['tickets:read']);
    const reopen = () => send(edge.url, '/api/v1/tickets/t-1/reopen', { method: 'POST', headers: { ...bearer(key), 'content-type': 'application/json' }, body: '{}' });
    expect(await statuses(3, reopen)).toEqual([403, 403, 403]);
    expectRateLimited(await list(bearer(key)), 3);
  });

  it('does not let a caller spend the budget of the address it calls from', async () => {
    const token = await gotrsToken({ user_id: 301 });
    expect(await statuses(3, () => list({}))).toEqual([401, 401, 429]);
    expect((await list(bearer(token))).statusCode).toBe(200);
  });
});

describe('rate limits without verified credentials', () => {
  let edge: EdgeApp;
  beforeAll(async () => {
    edge = await startEdgeApp('rate-strangers', { rateLimit: { perCaller: 100, unauthenticated: 2 } });
  });
  afterAll(() => edge.close());

  const list = (headers: Record<string, string> = {}) => send(edge.url, '/api/v1/tickets', { headers });

  it('never limits /healthz, and puts no RateLimit headers on it', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => send(edge.url, '/healthz')));
    expect(answers.map((a) => [a.statusCode, a.headers['ratelimit-limit']])).toEqual(Array(10).fill([200, undefined]));
  });

  it('refuses a flood of bad tokens by address, however the token varies, before checking the next one', async () => {
    const forged = (i: number) => gotrsToken({ user_id: 900 + i }).then((t) => `${t.slice(0, -4)}AAAA`);
    const bad = [await forged(1), await forged(2), 'gotrs_not-a-key', await forged(3)];
    const answers = [];
    for (const token of bad) answers.push(await list({ ...bearer(token), 'x-forwarded-for': `203.0.113.${answers.length}` }));
    expect(answers.map((a) => a.statusCode)).toEqual([401, 401, 429, 429]);
    expectRateLimited(answers[2]!, 2);
    expect(answers[2]!.json().detail).toContain('with refused credentials from this address');
    // While that budget is spent the address's credentials are not checked at all, good ones neither.
    expect((await list(bearer(await gotrsToken({ user_id: 401 })))).statusCode).toBe(429);
  });

  it('limits requests without credentials by address, apart from refused credentials', async () => {
    const answers = [await list(), await list(), await list()];
    expect(answers.map((a) => [a.statusCode, a.headers['ratelimit-remaining']])).toEqual([
      [401, '1'],
      [401, '0'],
      [429, '0'],
    ]);
    expect(answers[2]!.json().detail).toContain('without credentials from this address');
  });
});

describe('rate limits of the API as buildApp makes it', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ label: 'api-rate-limits', rateLimit: { windowMs: 60_000, perCaller: 1000, unauthenticated: 3 } });
  });
  afterAll(() => api.close());

  it('limits a flood without credentials by address, whatever X-Forwarded-For says, and documents the 429', async () => {
    const stranger = (i: number) => send(api.url, `/api/v1/tickets/flood-${i}`, { headers: { 'x-forwarded-for': `198.51.100.${i}` } });
    const answers: HttpResponse[] = [];
    for (let i = 0; i < 5; i++) answers.push(await stranger(i));
    expect(answers.slice(0, 3).map((a) => a.statusCode)).not.toContain(429);
    expect(answers.slice(3).map((a) => a.statusCode)).toEqual([429, 429]);
    expectRateLimited(answers[3]!, 3);
    expect((await send(api.url, '/readyz')).statusCode).not.toBe(429);
    const operation = (api.app.swagger() as unknown as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }).paths['/api/v1/tickets/{id}']!.get!;
    expect(operation.responses['429']).toMatchObject({ headers: { 'retry-after': expect.any(Object), 'ratelimit-remaining': expect.any(Object) } });
  });
});
