import { randomBytes } from 'node:crypto';
import { createPool } from '@gotrs/db';
import { waitFor } from '@gotrs/devstack/testing';
import pino from 'pino';
import { parseExposition, scrape, valueOf } from '../../../../../test/operations/exposition';
import { buildApp } from '../../../src/app';
import { serveMetricsOnPort } from '../../../src/metrics/metrics-server';
import { isPublicRoute } from '../../../src/plugins/app/identity';
import { createTemporalClient } from '../../../src/temporal/create-client';
import { closedPort, rawRequest, startApi, testConfig, tokenFor, type TestApi } from '../../support';

const COUNT = 'gotrs_http_request_duration_seconds_count';

describe('GET /metrics', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ label: 'api-metrics' });
  });
  afterAll(() => api.close());

  const samples = async () => (await scrape(`${api.url}/metrics`)).samples;

  it('answers in the Prometheus text format, needs no credentials, and is not in the OpenAPI document', async () => {
    const response = await api.request({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(parseExposition(response.body).map((s) => s.name)).toEqual(expect.arrayContaining(['gotrs_pg_pool_connections', 'gotrs_http_requests_in_flight']));
    expect(isPublicRoute('/metrics')).toBe(true);
    expect(Object.keys((await api.request({ url: '/openapi.json' })).json().paths)).not.toContain('/metrics');
  });

  it('counts unknown and hostile paths under one "unmatched" route, never under the paths themselves', async () => {
    const before = await samples();
    const junk = Array.from({ length: 20 }, () => randomBytes(6).toString('hex'));
    for (const word of junk) expect((await api.request({ url: `/no/such/${word}` })).statusCode).toBe(404);
    expect((await api.request({ url: `/api/v1/${'a'.repeat(10_000)}` })).statusCode).toBe(404);
    // An unknown path needs credentials too (plugins/app/identity.ts): these are an Admin's.
    const authorization = `Authorization: Bearer ${await tokenFor('Admin')}\r\n`;
    expect((await rawRequest(api.url, `GET /x%00y HTTP/1.1\r\nHost: x\r\n${authorization}Connection: close\r\n\r\n`)).statusCode).toBe(404);
    const after = await samples();
    const moved = (labels: Record<string, string>) => valueOf(after, COUNT, labels) - valueOf(before, COUNT, labels);
    expect(moved({ route: 'unmatched', status_code: '404' })).toBe(22);
    const routes = new Set(after.filter((s) => s.name === COUNT).map((s) => s.labels.route));
    for (const route of routes) expect(route === 'unmatched' || !/[0-9a-f]{12}|aaaa|%00/.test(route!)).toBe(true);
  });

  it('counts a method the route does not take under its status (405)', async () => {
    const before = await samples();
    expect((await api.request({ method: 'DELETE', url: '/api/v1/tickets' })).statusCode).toBe(405);
    expect(valueOf(await samples(), COUNT, { method: 'DELETE', status_code: '405' }) - valueOf(before, COUNT, { method: 'DELETE', status_code: '405' })).toBe(1);
  });
});

describe('GET /metrics when Temporal does not answer', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ label: 'api-metrics-down', temporalAddress: `127.0.0.1:${await closedPort()}`, callTimeoutMs: 1_000 });
  });
  afterAll(() => api.close());

  it("counts the failed call by operation and reason, and the request's 503 by route", async () => {
    const before = (await scrape(`${api.url}/metrics`)).samples;
    expect((await api.request({ method: 'POST', url: '/api/v1/tickets', payload: { title: 'Temporal is down' } })).statusCode).toBe(503);
    const after = (await scrape(`${api.url}/metrics`)).samples;
    const moved = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);
    expect({
      failures: moved('gotrs_temporal_request_failures_total', { operation: 'start-ticket' }),
      unavailable: moved('gotrs_temporal_request_duration_seconds_count', { operation: 'start-ticket', outcome: 'unavailable' }),
      ok: moved('gotrs_temporal_request_duration_seconds_count', { outcome: 'ok' }),
      requests: moved(COUNT, { method: 'POST', route: '/api/v1/tickets', status_code: '503' }),
    }).toEqual({ failures: 1, unavailable: 1, ok: 0, requests: 1 });
    expect(after.find((s) => s.name === 'gotrs_temporal_request_failures_total' && s.labels.operation === 'start-ticket')?.labels.reason).toMatch(/^(unavailable|deadline)$/);
  });

  it('does not leave a request in flight when its client goes away', async () => {
    const gone = new AbortController();
    const request = fetch(`${api.url}/api/v1/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor('Admin')}` },
      body: JSON.stringify({ title: 'Gone' }),
      signal: gone.signal,
    }).catch(() => 'aborted');
    const inFlight = async () => valueOf((await scrape(`${api.url}/metrics`)).samples, 'gotrs_http_requests_in_flight');
    // The scrape itself is in flight while it is answered: 2 while the create waits, 1 once it is gone.
    await waitFor(async () => (await inFlight()) === 2, { timeoutMs: 2_000, intervalMs: 20, description: 'the create in flight' });
    gone.abort();
    expect(await request).toBe('aborted');
    await waitFor(async () => (await inFlight()) === 1, { timeoutMs: 5_000, intervalMs: 20, description: 'the create to leave' });
    expect(await inFlight()).toBe(1);
    // The handler goes on without its client until its Temporal call gives up: let it, before the connection closes.
    await waitFor(async () => valueOf((await scrape(`${api.url}/metrics`)).samples, 'gotrs_temporal_request_failures_total', { operation: 'start-ticket' }) === 2, {
      timeoutMs: 5_000, description: "the abandoned create's Temporal call to end",
    });
  });
});

describe('API_METRICS_PORT', () => {
  it('moves /metrics off the API port onto a port of its own', async () => {
    const config = testConfig({ label: 'api-metrics-port' });
    config.operations.api.metricsPort = 0;
    const pool = createPool(config.database);
    const client = createTemporalClient(config.temporal);
    const app = await buildApp({ config, pool, temporalClient: client, logger: pino({ level: 'silent' }) });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const metrics = await serveMetricsOnPort(app.metrics.registry, '127.0.0.1', 0);
    try {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect((await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${await tokenFor('Admin')}` } })).status).toBe(404);
      const { samples } = await scrape(metrics.url);
      expect(valueOf(samples, COUNT, { route: '/healthz', status_code: '200' })).toBe(1);
      expect((await fetch(metrics.url, { method: 'POST' })).status).toBe(405);
      expect((await fetch(metrics.url.replace('/metrics', '/other'))).status).toBe(404);
    } finally {
      await metrics.close();
      await app.close();
      await Promise.allSettled([pool.end(), client.connection.close()]);
    }
  });
});
