/**
 * TLS and mTLS to Temporal, end to end: a TLS-terminating proxy (Node `tls`, ALPN h2, client
 * certificates required and verified) in front of the run's dev server, certificates made with openssl
 * at test time, and the API, the worker process and make dev's probe configured from the environment
 * only (@temporalio/envconfig's TEMPORAL_TLS_* variables).
 */
import { loadConfig, temporalConnectionOptions } from '@gotrs/config';
import { startSmtpSink, testEnv, waitFor, type SmtpSink } from '@gotrs/devstack/testing';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { TaskQueuePollers, workerIdentity } from '../scripts/devstack/src/task-queue-pollers';
import { createTestPki, type TestPki } from './tls/certificates';
import { baseEnv, spawnWorker, startApiFromEnv, workerStarted, type EnvApi } from './tls/tls-stack';
import { startTlsProxy, type TlsProxy } from './tls/tls-proxy';

jest.setTimeout(90_000);

let pki: TestPki;
/** Asks for a client certificate of `pki.ca`; serves a certificate for 127.0.0.1. */
let mtls: TlsProxy;
/** Serves a certificate for `temporal.internal` only; asks for no client certificate. */
let named: TlsProxy;

beforeAll(async () => {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // installed by another test file in this Jest worker
  }
  pki = createTestPki();
  const target = testEnv().temporalAddress;
  mtls = await startTlsProxy({ target, cert: pki.pem(pki.server.cert), key: pki.pem(pki.server.key), clientCa: pki.pem(pki.ca.cert) });
  named = await startTlsProxy({ target, cert: pki.pem(pki.namedServer.cert), key: pki.pem(pki.namedServer.key) });
});
afterAll(async () => {
  await Promise.all([mtls?.close(), named?.close()]);
  pki?.remove();
});

/** The CA and the client certificate, as a container would pass them (files). */
const mtlsEnv = (): Record<string, string> => ({
  TEMPORAL_ADDRESS: mtls.address,
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: pki.ca.cert,
  TEMPORAL_TLS_CLIENT_CERT_PATH: pki.client.cert,
  TEMPORAL_TLS_CLIENT_KEY_PATH: pki.client.key,
});

async function withApi<T>(env: Record<string, string>, use: (api: EnvApi) => Promise<T>): Promise<T> {
  const api = await startApiFromEnv({ ...baseEnv('tls-api'), ...env }, { createWaitMs: 300, callTimeoutMs: 2000 });
  try {
    return await use(api);
  } finally {
    await api.close();
  }
}

/**
 * GET /readyz and a create: both must answer 503, no TLS session may have been established, and the
 * client's error, which /readyz reports, must match `why` when given.
 */
async function expectRefused(proxy: TlsProxy, env: Record<string, string>, why?: RegExp): Promise<void> {
  const sessionsBefore = proxy.sessions.length;
  const refusedBefore = proxy.refused.length;
  await withApi(env, async (api) => {
    const ready = await api.request('GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ code: 'not_ready', checks: { temporal: { ok: false } } });
    if (why) expect(ready.body.checks.temporal.error).toMatch(why);
    const create = await api.request('POST', '/api/v1/tickets', { title: 'Refused at the handshake' });
    expect(create.status).toBe(503);
    expect(create.body).toMatchObject({ code: 'temporal_unavailable' });
  });
  expect(proxy.sessions.length).toBe(sessionsBefore);
  expect(proxy.refused.length).toBeGreaterThan(refusedBefore);
}

describe('the API over TLS', () => {
  it('answers GET /readyz 200 and starts a ticket workflow with the CA and its client certificate', async () => {
    await withApi(mtlsEnv(), async (api) => {
      expect(api.config.temporal.tls).toMatchObject({ serverCaCert: expect.any(Buffer), clientCertPair: { crt: expect.any(Buffer), key: expect.any(Buffer) } });
      const ready = await api.request('GET', '/readyz');
      expect(ready).toMatchObject({ status: 200, body: { checks: { temporal: { ok: true }, namespace: { ok: true } } } });
      // No worker polls this task queue: the create is accepted (202) once the workflow started.
      const created = await api.request('POST', '/api/v1/tickets', { title: 'Over mTLS' });
      expect(created.status).toBe(202);
      const description = await api.client.workflow.getHandle(`ticket-${created.body.id}`).describe();
      expect({ status: description.status.name, taskQueue: description.taskQueue }).toEqual({ status: 'RUNNING', taskQueue: api.config.temporal.taskQueue });
    });
    expect(mtls.sessions).toContain('gotrs-gateway');
  });

  it('answers 503, not a hang, without a client certificate: the proxy refuses the handshake', async () => {
    const { TEMPORAL_TLS_CLIENT_CERT_PATH, TEMPORAL_TLS_CLIENT_KEY_PATH, ...caOnly } = mtlsEnv();
    await expectRefused(mtls, caOnly, /alert certificate required|ECONNRESET/);
    expect(mtls.refused.at(-1)).toMatch(/peer did not return a certificate/);
  });

  it('answers 503 with a client certificate that another CA signed', async () => {
    await expectRefused(mtls, { ...mtlsEnv(), TEMPORAL_TLS_CLIENT_CERT_PATH: pki.strangerClient.cert, TEMPORAL_TLS_CLIENT_KEY_PATH: pki.strangerClient.key });
  });

  it('refuses a server whose certificate was not signed by the configured CA', async () => {
    await expectRefused(mtls, { ...mtlsEnv(), TEMPORAL_TLS_SERVER_CA_CERT_PATH: pki.otherCa.cert }, /self-signed certificate in certificate chain/);
  });

  it('refuses a server whose certificate names another host', async () => {
    await expectRefused(named, { TEMPORAL_ADDRESS: named.address, TEMPORAL_TLS_SERVER_CA_CERT_PATH: pki.ca.cert }, /ERR_TLS_CERT_ALTNAME_INVALID/);
  });

  it('accepts that server when TEMPORAL_TLS_SERVER_NAME names the host in its certificate', async () => {
    const env = { TEMPORAL_ADDRESS: named.address, TEMPORAL_TLS_SERVER_CA_CERT_PATH: pki.ca.cert, TEMPORAL_TLS_SERVER_NAME: 'temporal.internal' };
    await withApi(env, async (api) => {
      expect((await api.request('GET', '/readyz')).status).toBe(200);
    });
    expect(named.sessions.length).toBeGreaterThan(0);
  });
});

describe('the worker over TLS', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink?.close());

  it('polls its task queue and completes a ticket workflow the API started, with the CA and its client certificate', async () => {
    const env = { ...baseEnv('tls-worker', sink), ...mtlsEnv() };
    const worker = spawnWorker(env);
    const api = await startApiFromEnv(env);
    // make dev's readiness probe, on the same options
    const pollers = TaskQueuePollers.connect(temporalConnectionOptions(api.config.temporal), api.config.temporal.namespace, api.config.temporal.taskQueue);
    try {
      await workerStarted(worker);
      expect(worker.output()).toContain('TLS (own CA, client certificate)');
      await waitFor(async () => {
        const polls = await pollers.polledBy(workerIdentity(worker.process.pid!));
        return polls.workflow && polls.activity;
      }, { timeoutMs: 20_000, description: 'the worker to poll both task queues' });

      const created = await api.request('POST', '/api/v1/tickets', { title: 'Worked over mTLS', customerUserId: 'alice' });
      expect(created).toMatchObject({ status: 201, body: { number: expect.stringMatching(/^\d+$/) } });
      const closed = await api.request('POST', `/api/v1/tickets/${created.body.id}/status`, { status: 'closed' });
      expect(closed).toMatchObject({ status: 200, body: { status: 'closed successful' } });
      const handle = api.client.workflow.getHandle(`ticket-${created.body.id}`);
      await waitFor(async () => (await handle.describe()).status.name === 'COMPLETED', { timeoutMs: 20_000, description: 'the ticket workflow to complete' });
      // The notifier's own client connection (worker.ts) started the customer's notification over TLS too.
      await sink.waitForMessages(1, (message) => message.to.includes('alice@example.com'), 20_000);
    } finally {
      await pollers.close();
      await api.close();
      await worker.stop();
    }
    expect(mtls.sessions.filter((cn) => cn === 'gotrs-gateway').length).toBeGreaterThanOrEqual(3);
  });

  it('exits with the TLS error instead of polling when it has no client certificate, once its connection retries are over', async () => {
    const { TEMPORAL_TLS_CLIENT_CERT_PATH, TEMPORAL_TLS_CLIENT_KEY_PATH, ...caOnly } = mtlsEnv();
    const refusedBefore = mtls.refused.length;
    const worker = spawnWorker({ ...baseEnv('tls-worker-refused'), ...caOnly, WORKER_CONNECT_TIMEOUT: '2s' });
    expect(await worker.exited).toBe(1);
    // How the refusal reaches rustls varies (the alert, or a closed connection); the proxy says why.
    expect(worker.output()).toMatch(/TransportError: Failed to call GetSystemInfo/);
    expect(mtls.refused.slice(refusedBefore)).toContainEqual(expect.stringMatching(/peer did not return a certificate/));
  });

  it("refuses, in the worker's TLS stack (rustls), a server of another CA or of another name unless the name is overridden", async () => {
    const connect = (env: Record<string, string>) => {
      const { temporal } = loadConfig({ ...baseEnv('tls-native'), ...env });
      return NativeConnection.connect(temporalConnectionOptions(temporal));
    };
    await expect(connect({ ...mtlsEnv(), TEMPORAL_TLS_SERVER_CA_CERT_PATH: pki.otherCa.cert })).rejects.toThrow(/UnknownIssuer/);
    await expect(connect({ TEMPORAL_ADDRESS: named.address, TEMPORAL_TLS_SERVER_CA_CERT_PATH: pki.ca.cert })).rejects.toThrow(/NotValidForName/);
    const overridden = await connect({ TEMPORAL_ADDRESS: named.address, TEMPORAL_TLS_SERVER_CA_CERT_PATH: pki.ca.cert, TEMPORAL_TLS_SERVER_NAME: 'temporal.internal' });
    await overridden.close();
  });
});
