import { testEnv } from '@gotrs/devstack/testing';
import { GOTRS_KEY_SCOPES, closedPort, expectProblem, insertTicket, startApi, startRelay, type TestApi } from './support';

describe('when Temporal is unreachable', () => {
  let api: TestApi;
  let port: number;
  beforeAll(async () => {
    port = await closedPort();
    // The default call timeout (5 s): the API starts anyway, on a lazy connection.
    api = await startApi({ label: 'api-no-temporal', temporalAddress: `127.0.0.1:${port}` });
  });
  afterAll(() => api.close());

  it('answers writes with 503 temporal_unavailable and Retry-After within about 5 s, never hanging', async () => {
    const timed = async (method: string, url: string, payload: unknown, token?: string) => {
      const started = Date.now();
      const response = await api.request({ method, url, payload, token });
      return { response, ms: Date.now() - started };
    };
    const results = await Promise.all([
      timed('POST', '/api/v1/tickets', { title: 'Temporal is down' }),
      timed('POST', '/api/v1/tickets/some-ticket/assign', { agentId: 'agent-7' }),
      timed('POST', '/api/v1/tickets/some-ticket/status', { status: 'open' }),
      timed('POST', '/api/v1/tickets/some-ticket/responses', { agentId: 'agent-7' }, await api.apiKey(GOTRS_KEY_SCOPES)),
    ]);
    for (const { response, ms } of results) {
      expectProblem(response, 503, 'temporal_unavailable');
      expect(response.headers['retry-after']).toBe('5');
      expect(ms).toBeLessThan(api.config.temporal.callTimeoutMs + 1000);
    }
  });

  it('still answers reads of written tickets from PostgreSQL', async () => {
    const row = await insertTicket(api.pool);
    const response = await api.request({ url: `/api/v1/tickets/${row.id}` });
    expect(response.statusCode).toBe(200);
  });

  it('recovers once Temporal is reachable again', async () => {
    const relay = await startRelay(port, testEnv().temporalAddress);
    try {
      let status = 0;
      for (const deadline = Date.now() + 15_000; status !== 200 && Date.now() < deadline; ) {
        status = (await api.request({ url: '/readyz' })).statusCode;
      }
      expect(status).toBe(200);
    } finally {
      await relay.close();
    }
  });
});

describe('when PostgreSQL is unreachable', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ label: 'api-no-db', databaseUrl: `postgres://postgres@127.0.0.1:${await closedPort()}/gotrs` });
  });
  afterAll(() => api.close());

  it.each([
    ['a ticket', '/api/v1/tickets/some-ticket'],
    ['the list', '/api/v1/tickets?status=open'],
    ['a history', '/api/v1/tickets/some-ticket/history'],
    ['an SLA', '/api/v1/tickets/some-ticket/sla'],
  ])('answers reads of %s with 503 database_unavailable and Retry-After', async (_what, url) => {
    const response = await api.request({ url });
    expectProblem(response, 503, 'database_unavailable');
    expect(response.headers['retry-after']).toBe('5');
  });

  it('answers a reopen, which reads the row first, with 503 database_unavailable', async () => {
    expectProblem(await api.request({ method: 'POST', url: '/api/v1/tickets/some-ticket/reopen' }), 503, 'database_unavailable');
  });
});

