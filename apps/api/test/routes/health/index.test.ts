import { createPool } from '@gotrs/db';
import pino from 'pino';
import { buildApp } from '../../../src/app';
import { createTemporalClient } from '../../../src/temporal/create-client';
import { closedPort, expectProblem, startApi, testConfig, type TestApi } from '../../support';

/** The app on the run's Temporal and PostgreSQL, but configured with `namespace`; GET `url` once. */
async function getOnNamespace(namespace: string, url: string) {
  const config = testConfig({ label: 'api-namespace' });
  config.temporal.namespace = namespace;
  const pool = createPool(config.database);
  const client = createTemporalClient(config.temporal);
  const app = await buildApp({ config, pool, temporalClient: client, logger: pino({ level: 'silent' }) });
  try {
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const response = await fetch(`${base}${url}`);
    const body = await response.text();
    return { statusCode: response.status, headers: Object.fromEntries(response.headers.entries()), body, json: () => JSON.parse(body) };
  } finally {
    await app.close();
    await Promise.allSettled([pool.end(), client.connection.close()]);
  }
}

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
      expect(response.json()).toMatchObject({
        status: 'ready',
        checks: { temporal: { ok: true }, namespace: { ok: true, name: api.config.temporal.namespace }, postgres: { ok: true } },
      });
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

  it('answers 503 naming the namespace when Temporal answers but does not have it', async () => {
    const response = await getOnNamespace('no-such-namespace', '/readyz');
    const body = expectProblem(response, 503, 'not_ready');
    expect(body.detail).toBe('Temporal namespace "no-such-namespace" does not exist');
    expect(body.checks).toMatchObject({
      temporal: { ok: true },
      namespace: { ok: false, name: 'no-such-namespace', error: 'namespace "no-such-namespace" does not exist' },
      postgres: { ok: true },
    });
  });
});
