import { closedPort, expectProblem, startApi, type TestApi } from '../../support';

describe('GET /healthz', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ label: 'api-health', temporalAddress: `127.0.0.1:${await closedPort()}` });
  });
  afterAll(() => api.close());

  it('answers 200 even when a dependency is down', async () => {
    const response = await api.request({ url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });
});

describe('GET /readyz', () => {
  it('answers 200 when Temporal and PostgreSQL answer', async () => {
    const api = await startApi({ label: 'api-ready' });
    try {
      const response = await api.request({ url: '/readyz' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ status: 'ready', checks: { temporal: { ok: true }, postgres: { ok: true } } });
    } finally {
      await api.close();
    }
  });

  it('answers 503 with Retry-After within about 2 s, naming every check that failed', async () => {
    const api = await startApi({
      label: 'api-not-ready',
      temporalAddress: `127.0.0.1:${await closedPort()}`,
      databaseUrl: `postgres://postgres@127.0.0.1:${await closedPort()}/gotrs`,
    });
    try {
      const started = Date.now();
      const response = await api.request({ url: '/readyz' });
      expect(Date.now() - started).toBeLessThan(3000);
      const body = expectProblem(response, 503, 'not_ready');
      expect(response.headers['retry-after']).toBe(String(api.config.api.retryAfterSeconds));
      expect(body.detail).toBe('not answering: temporal, postgres');
      expect(body.checks).toMatchObject({ temporal: { ok: false, error: expect.any(String) }, postgres: { ok: false, error: expect.any(String) } });
    } finally {
      await api.close();
    }
  });

  it('answers 503 naming only PostgreSQL when Temporal answers', async () => {
    const api = await startApi({ label: 'api-no-db', databaseUrl: `postgres://postgres@127.0.0.1:${await closedPort()}/gotrs` });
    try {
      const body = expectProblem(await api.request({ url: '/readyz' }), 503, 'not_ready');
      expect(body.checks).toMatchObject({ temporal: { ok: true }, postgres: { ok: false } });
    } finally {
      await api.close();
    }
  });
});
