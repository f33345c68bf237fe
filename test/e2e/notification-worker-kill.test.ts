/**
 * A worker process killed (SIGKILL) after the SMTP server accepted a notification's email but before
 * Temporal heard of it: the next worker must not send a second copy.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_CONFIG_FILE, loadConfig } from '@gotrs/config';
import { WorkflowTypes, notificationWorkflowId, type NotificationRequest } from '@gotrs/contracts';
import { createPool, findNotification } from '@gotrs/db';
import { freePort } from '@gotrs/devstack';
import { startSmtpSink, testEnv, uniqueTaskQueue, waitFor, type SmtpSink } from '@gotrs/devstack/testing';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, bundleWorkflowCode } from '@temporalio/worker';
import type { Pool } from 'pg';
import pino from 'pino';
import { startRelay } from '../../apps/api/test/support';
import { WORKFLOWS_PATH, createWorker } from '../../apps/worker/src/create-worker';

jest.setTimeout(60_000);

const REPO = resolve(__dirname, '..', '..');
const CONFIG_DIR = resolve(REPO, 'config');

let sink: SmtpSink;
let pool: Pool;
let child: ChildProcess | undefined;
let clientConnection: Connection;

/** temporal.yaml with a 2 s start-to-close timeout and quick retries, so a lost attempt is retried soon. */
function fastConfigFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gotrs-kill-')), 'temporal.yaml');
  const text = readFileSync(DEFAULT_CONFIG_FILE, 'utf8')
    .replace('initial_interval: 1s', 'initial_interval: 200ms')
    .replace('start_to_close_timeout: 30s', 'start_to_close_timeout: 2s');
  writeFileSync(file, text);
  return file;
}

beforeAll(async () => {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // installed by another test file in this Jest worker
  }
  sink = await startSmtpSink();
});
afterAll(async () => {
  child?.kill('SIGKILL');
  await sink.close();
  await pool?.end();
  await clientConnection?.close();
});

function startWorkerProcess(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const proc = spawn(process.execPath, [join(REPO, 'apps/worker/dist/worker.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return waitFor(() => {
    if (proc.exitCode !== null) throw new Error(`worker exited early:\n${output}`);
    return output.includes('"worker started"') ? proc : undefined;
  }, { timeoutMs: 30_000, description: 'the worker process to start' });
}

describe('a worker killed between the send and the log', () => {
  it('leaves the next worker nothing to send: exactly one email, recorded once', async () => {
    const { temporalAddress, temporalNamespace, databaseUrl } = testEnv();
    const relayPort = await freePort();
    const relay = await startRelay(relayPort, temporalAddress);
    const env = {
      ...process.env,
      CONFIG_FILE: fastConfigFile(),
      SLA_CONFIG_FILE: join(CONFIG_DIR, 'sla.yaml'),
      NOTIFICATIONS_CONFIG_FILE: join(CONFIG_DIR, 'notifications.yaml'),
      TEMPORAL_NAMESPACE: temporalNamespace,
      TEMPORAL_TASK_QUEUE: uniqueTaskQueue('worker-kill'),
      DATABASE_URL: databaseUrl,
      SMTP_HOST: sink.host,
      SMTP_PORT: String(sink.port),
      LOG_LEVEL: 'info',
      WORKER_METRICS_PORT: '0',
    };
    const config = loadConfig({ ...env, TEMPORAL_ADDRESS: temporalAddress, LOG_LEVEL: 'silent' });
    pool = createPool(config.database);
    clientConnection = await Connection.connect({ address: temporalAddress });
    const client = new Client({ connection: clientConnection, namespace: temporalNamespace });

    // The second worker's bundle is built while the first one starts.
    const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };
    const bundle = bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: silent });
    child = await startWorkerProcess({ ...env, TEMPORAL_ADDRESS: `127.0.0.1:${relayPort}` });
    // The worker loses Temporal just before the SMTP server accepts: it records the send, cannot report it.
    sink.onMessage = () => relay.close();
    const request: NotificationRequest = { id: randomUUID(), ticketId: null, recipient: 'alice', channel: 'email', subject: 'Once', body: 'Only once.', event: 'ad-hoc' };
    const handle = await client.workflow.start(WorkflowTypes.notification, {
      workflowId: notificationWorkflowId(request.id), taskQueue: config.temporal.taskQueue, args: [request],
    });
    await waitFor(async () => (await findNotification(pool, request.id))?.emailSentAt, { timeoutMs: 20_000, description: 'the recorded send' });
    child.kill('SIGKILL');
    await new Promise((done) => (child!.exitCode !== null || child!.signalCode !== null ? done(null) : child!.once('exit', done)));
    sink.onMessage = undefined;

    const connection = await NativeConnection.connect({ address: temporalAddress });
    try {
      const overrides = { workflowsPath: undefined, workflowBundle: await bundle };
      const worker = await createWorker({ config, connection, pool, logger: pino({ level: 'silent' }), client, overrides });
      const result = await worker.runUntil(handle.result());
      expect(result).toMatchObject({ status: 'sent', channel: 'email' });
    } finally {
      await connection.close();
    }
    expect(sink.withMessageId(`<notification-${request.id}@gotrs.local>`)).toHaveLength(1);
    const record = await findNotification(pool, request.id);
    expect(record).toMatchObject({ status: 'sent', channel: 'email', completedAt: expect.any(String) });
    expect(record!.attempts.map((a) => `${a.channel}#${a.attempt}:${a.outcome}`)).toEqual(['email#1:sent', 'email#2:already-sent']);
  });
});
