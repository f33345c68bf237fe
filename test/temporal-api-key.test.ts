/**
 * An API key (Temporal Cloud's way) end to end: an HTTP/2 proxy over TLS in front of the run's dev
 * server reads each gRPC call's headers, forwards only calls with `authorization: Bearer <key>` and
 * answers UNAUTHENTICATED to the others. The API and the worker process are configured from the
 * environment only (TEMPORAL_API_KEY_FILE, TEMPORAL_API_KEY, TEMPORAL_TLS_SERVER_CA_CERT_PATH).
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSmtpSink, testEnv, type SmtpSink } from '@gotrs/devstack/testing';
import { startApiKeyProxy, type ApiKeyProxy, type SeenCall } from './tls/api-key-proxy';
import { createTestPki, type TestPki } from './tls/certificates';
import { baseEnv, spawnWorker, startApiFromEnv, workerStarted } from './tls/tls-stack';

jest.setTimeout(90_000);

const API_KEY = `gotrs-test-${randomBytes(16).toString('hex')}`;
let pki: TestPki;
let proxy: ApiKeyProxy;
let sink: SmtpSink;
let keyFile: string;

beforeAll(async () => {
  pki = createTestPki();
  keyFile = join(pki.dir, 'api-key');
  // as a secret file usually is: with a final newline
  writeFileSync(keyFile, `${API_KEY}\n`);
  proxy = await startApiKeyProxy({ target: testEnv().temporalAddress, cert: pki.pem(pki.server.cert), key: pki.pem(pki.server.key), apiKey: API_KEY });
  sink = await startSmtpSink();
});
afterAll(async () => {
  await proxy?.close();
  await sink?.close();
  pki?.remove();
});

const keyEnv = (key: Record<string, string>) => ({ TEMPORAL_ADDRESS: proxy.address, TEMPORAL_TLS_SERVER_CA_CERT_PATH: pki.ca.cert, ...key });
const callsSince = (start: number, userAgent: RegExp): SeenCall[] => proxy.calls.slice(start).filter((call) => userAgent.test(call.userAgent ?? ''));
const method = (call: SeenCall) => call.method.split('/').at(-1);

describe('an API key', () => {
  it('goes as authorization: Bearer on the API\'s readiness ping and workflow start', async () => {
    const start = proxy.calls.length;
    const api = await startApiFromEnv({ ...baseEnv('key-api'), ...keyEnv({ TEMPORAL_API_KEY_FILE: keyFile }) }, { createWaitMs: 300 });
    try {
      expect((await api.request('GET', '/readyz')).status).toBe(200);
      expect((await api.request('POST', '/api/v1/tickets', { title: 'With an API key' })).status).toBe(202);
    } finally {
      await api.close();
    }
    const calls = callsSince(start, /grpc-node-js/);
    expect(calls.map(method)).toEqual(expect.arrayContaining(['GetSystemInfo', 'DescribeNamespace', 'StartWorkflowExecution']));
    expect(calls.filter((call) => call.authorization !== `Bearer ${API_KEY}`)).toEqual([]);
  });

  it('goes on every call of the worker process, which polls and completes a ticket workflow', async () => {
    const env = { ...baseEnv('key-worker', sink), ...keyEnv({ TEMPORAL_API_KEY: API_KEY }) };
    const start = proxy.calls.length;
    const worker = spawnWorker(env);
    const api = await startApiFromEnv(env);
    try {
      await workerStarted(worker);
      expect(worker.output()).toContain('TLS (own CA), API key');
      expect(worker.output()).not.toContain(API_KEY);
      const created = await api.request('POST', '/api/v1/tickets', { title: 'Worked with an API key', customerUserId: 'alice' });
      expect(created).toMatchObject({ status: 201, body: { number: expect.stringMatching(/^\d+$/) } });
      expect((await api.request('POST', `/api/v1/tickets/${created.body.id}/status`, { status: 'closed' })).status).toBe(200);
      await sink.waitForMessages(1, (message) => message.to.includes('alice@example.com'), 20_000);
    } finally {
      await api.close();
      await worker.stop();
    }
    const workerCalls = callsSince(start, /tonic/);
    expect(workerCalls.map(method)).toEqual(expect.arrayContaining(['PollWorkflowTaskQueue', 'RespondWorkflowTaskCompleted', 'PollActivityTaskQueue']));
    expect(proxy.calls.slice(start).filter((call) => !call.forwarded)).toEqual([]);
  });

  it('is needed: without it, or with a wrong one, the proxy refuses every call and the API answers 503', async () => {
    for (const key of [{}, { TEMPORAL_API_KEY: 'not-the-key' }] as Array<Record<string, string>>) {
      const start = proxy.calls.length;
      const api = await startApiFromEnv({ ...baseEnv('key-refused'), ...keyEnv(key) }, { callTimeoutMs: 2000 });
      try {
        const ready = await api.request('GET', '/readyz');
        expect(ready).toMatchObject({ status: 503, body: { code: 'not_ready', checks: { temporal: { ok: false } } } });
        const create = await api.request('POST', '/api/v1/tickets', { title: 'Refused by the key check' });
        expect(create).toMatchObject({ status: 503, body: { code: 'temporal_unavailable' } });
      } finally {
        await api.close();
      }
      const calls = proxy.calls.slice(start);
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.filter((call) => call.forwarded)).toEqual([]);
      expect(new Set(calls.map((call) => call.authorization))).toEqual(new Set(['TEMPORAL_API_KEY' in key ? 'Bearer not-the-key' : undefined]));
    }
  });
});
