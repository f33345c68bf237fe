/**
 * Shutdown and start of the real processes (server.ts, worker.ts): SIGTERM drains what is in flight
 * and the process exits within its bound; the worker waits for a Temporal that is not there yet, and
 * its /healthz says what it is doing.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowTypes, notificationWorkflowId, type NotificationRequest } from '@gotrs/contracts';
import { findNotification } from '@gotrs/db';
import { freePort } from '@gotrs/devstack';
import { startSmtpSink, testEnv, waitFor, type SmtpSink } from '@gotrs/devstack/testing';
import { Client, Connection } from '@temporalio/client';
import { Pool } from 'pg';
import { startRelay } from '../../apps/api/test/support';
import { gotrsToken } from '../../apps/api/test/auth/tokens';
import { answers, appEnv, spawnApp, type AppProcess } from './app-process';

jest.setTimeout(180_000);

let sink: SmtpSink;
let pool: Pool;
let connection: Connection;
let client: Client;
const running: AppProcess[] = [];

beforeAll(async () => {
  sink = await startSmtpSink();
  pool = new Pool({ connectionString: testEnv().databaseUrl, max: 2 });
  connection = await Connection.connect({ address: testEnv().temporalAddress });
  client = new Client({ connection, namespace: testEnv().temporalNamespace });
});
afterEach(async () => {
  sink.onMessage = undefined;
  await Promise.all(running.splice(0).map((app) => app.stop()));
});
afterAll(async () => {
  await Promise.allSettled([sink?.close(), pool?.end(), connection?.close()]);
});

function start(app: 'api' | 'worker', env: Record<string, string>): AppProcess {
  const child = spawnApp(app, env);
  running.push(child);
  return child;
}

/** A create on a task queue that no worker polls: it waits api.create_wait (3 s), then answers 202. */
async function slowCreate(apiUrl: string): Promise<Response> {
  return fetch(`${apiUrl}/api/v1/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await gotrsToken({ role: 'Admin' })}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Slow' }),
  });
}

/** A gate the SMTP sink waits at before it accepts a message: the email activity stays in flight. */
function holdEmail(): { arrived: Promise<void>; release(): void } {
  let release = () => undefined as void;
  let arrived = () => undefined as void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const seen = new Promise<void>((resolve) => (arrived = resolve));
  sink.onMessage = async () => {
    arrived();
    await gate;
  };
  return { arrived: seen, release: () => release() };
}

async function sendNotification(taskQueue: string): Promise<string> {
  const request: NotificationRequest = { id: randomUUID(), ticketId: null, recipient: 'alice', channel: 'email', subject: 'Drain', body: 'In flight.', event: 'ad-hoc' };
  await client.workflow.start(WorkflowTypes.notification, { workflowId: notificationWorkflowId(request.id), taskQueue, args: [request] });
  return request.id;
}

describe('the API on SIGTERM', () => {
  it('lets a slow request in flight finish, refuses new connections, then exits 0', async () => {
    const env = await appEnv('api-drain');
    const api = start('api', env);
    const apiUrl = `http://127.0.0.1:${env.API_PORT}`;
    await answers(`${apiUrl}/healthz`);
    let answered = false;
    const slow = slowCreate(apiUrl).finally(() => (answered = true));
    await api.logged('incoming request');
    api.process.kill('SIGTERM');
    await waitFor(() => fetch(`${apiUrl}/healthz`).then(() => false, () => true), { timeoutMs: 2_000, description: 'new connections to be refused' });
    expect(answered).toBe(false);
    expect((await slow).status).toBe(202);
    const code = await api.exited;
    expect({ code, output: api.output() }).toMatchObject({ code: 0, output: expect.stringContaining('"msg":"stopped"') });
  });

  it('exits 1 at API_SHUTDOWN_TIMEOUT with the request still in flight', async () => {
    const env = await appEnv('api-bound', { API_SHUTDOWN_TIMEOUT: '1s' });
    const api = start('api', env);
    const apiUrl = `http://127.0.0.1:${env.API_PORT}`;
    await answers(`${apiUrl}/healthz`);
    const slow = slowCreate(apiUrl).then((response) => response.status, (error: Error) => error);
    await api.logged('incoming request');
    api.process.kill('SIGTERM');
    expect(await api.exited).toBe(1);
    expect(api.output()).toContain('shutdown did not finish within 1000 ms');
    // The process was gone before the create's 3 s wait ended: the client lost the connection.
    expect(String(await slow)).toMatch(/fetch failed/);
  });
});

describe('the worker on SIGTERM', () => {
  it('finishes the email activity in flight, answers 503 on /healthz meanwhile, then exits 0', async () => {
    const env = await appEnv('worker-drain', { SMTP_HOST: sink.host, SMTP_PORT: String(sink.port) });
    const worker = start('worker', env);
    const health = `http://127.0.0.1:${env.WORKER_METRICS_PORT}/healthz`;
    await answers(health);
    const email = holdEmail();
    const id = await sendNotification(env.TEMPORAL_TASK_QUEUE!);
    await email.arrived;
    worker.process.kill('SIGTERM');
    await worker.logged('stopping worker');
    const draining = await fetch(health);
    expect({ status: draining.status, body: await draining.json() }).toMatchObject({ status: 503, body: { ok: false, phase: 'stopping' } });
    email.release();
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toContain('"msg":"worker stopped"');
    expect((await findNotification(pool, id))?.emailSentAt).toEqual(expect.any(String));
  });

  it('exits 1 at WORKER_SHUTDOWN_TIMEOUT with the activity still in flight', async () => {
    const env = await appEnv('worker-bound', { SMTP_HOST: sink.host, SMTP_PORT: String(sink.port), WORKER_SHUTDOWN_TIMEOUT: '2s' });
    const worker = start('worker', env);
    await answers(`http://127.0.0.1:${env.WORKER_METRICS_PORT}/healthz`);
    const email = holdEmail();
    const id = await sendNotification(env.TEMPORAL_TASK_QUEUE!);
    await email.arrived;
    worker.process.kill('SIGTERM');
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toMatch(/shutdown did not finish (within 2000 ms|in time)/);
    expect((await findNotification(pool, id))?.emailSentAt ?? null).toBeNull();
    email.release();
  });
});

describe('the worker before Temporal answers', () => {
  it('retries its first connection with backoff, logging each try, and polls once Temporal is there', async () => {
    const relayPort = await freePort();
    const env = await appEnv('worker-start', { TEMPORAL_ADDRESS: `127.0.0.1:${relayPort}` });
    const worker = start('worker', env);
    const health = `http://127.0.0.1:${env.WORKER_METRICS_PORT}/healthz`;
    await waitFor(() => (worker.output().match(/cannot connect to Temporal at [^"]+ \(try \d+\)/g) ?? []).length >= 2 || undefined, {
      timeoutMs: 20_000, description: 'two failed tries in the log',
    });
    const connecting = await fetch(health);
    expect({ status: connecting.status, body: await connecting.json() }).toMatchObject({ status: 503, body: { phase: 'connecting', error: 'connecting to Temporal' } });
    const relay = await startRelay(relayPort, testEnv().temporalAddress);
    try {
      await worker.logged('worker started', 120_000); // its next try, then the workflow bundle: slow on a busy machine
      await answers(health, 200);
      expect(worker.output()).toContain('"msg":"connected to Temporal');
      expect(worker.process.exitCode).toBeNull();
    } finally {
      await relay.close();
    }
  });

  it('stops at once, exit 0, when it is told to while it still waits for Temporal', async () => {
    const env = await appEnv('worker-never', { TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` });
    const worker = start('worker', env);
    await waitFor(() => /cannot connect to Temporal at [^"]+ \(try 1\)/.test(worker.output()) || undefined, { timeoutMs: 20_000, description: 'a failed try' });
    worker.process.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toContain('"msg":"worker stopped"');
  });

  it('answers 503 on /healthz while it has lost Temporal, and 200 again once it is back', async () => {
    const relayPort = await freePort();
    let relay = await startRelay(relayPort, testEnv().temporalAddress);
    const env = await appEnv('worker-lost', { TEMPORAL_ADDRESS: `127.0.0.1:${relayPort}` });
    start('worker', env);
    const health = `http://127.0.0.1:${env.WORKER_METRICS_PORT}/healthz`;
    try {
      await answers(health, 200);
      await relay.close();
      await answers(health, 503);
      const lost = await (await fetch(health)).json();
      expect(lost).toMatchObject({ ok: false, phase: 'running', error: expect.stringContaining('Temporal does not answer') });
      relay = await startRelay(relayPort, testEnv().temporalAddress);
      await answers(health, 200, 60_000);
    } finally {
      await relay.close();
    }
  });
});
