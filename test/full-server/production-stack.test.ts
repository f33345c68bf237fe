import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '@gotrs/config';
import { slaWorkflowId, ticketWorkflowId } from '@gotrs/contracts';
import {
  Reaper,
  TEMPORAL_SERVER_PIN,
  Teardown,
  builtTemporalServer,
  devAdminToken,
  startProductStack,
  startSmtpSink,
  waitFor,
  type ProductStack,
  type SmtpSink,
} from '@gotrs/devstack';
import { Client, Connection } from '@temporalio/client';

// The production topology run for real: the full Temporal Server 1.32 (frontend, history, matching,
// worker) on PostgreSQL, with config/temporal-server/, the worker and the API as processes. Not part
// of `make test` (CI has no built server): `npm run test:full-server`, which skips without the binaries.

const CONFIG_DIR = resolve(__dirname, '..', '..', 'config');
const binaries = builtTemporalServer();
if (!binaries) {
  process.stderr.write(
    `\n[full-server] SKIPPED: the full Temporal Server is not built in ${TEMPORAL_SERVER_PIN.dir}/bin ` +
      '(build it once with `DEV_TEMPORAL_SERVER=full make dev` or `npm run bench:api -- --server full`, which need `go`)\n\n',
  );
}
const describeOnFullServer = binaries ? describe : describe.skip;

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of the API, read field by field
  body: Record<string, any>;
}

describeOnFullServer('the product on the full Temporal Server (PostgreSQL persistence)', () => {
  const teardown = new Teardown();
  let reaper: Reaper;
  let stack: ProductStack;
  let sink: SmtpSink;
  let token: string;
  let client: Client;

  beforeAll(async () => {
    reaper = Reaper.start();
    const dir = mkdtempSync(join(tmpdir(), 'gotrs-full-server-'));
    teardown.add('the run folder', async () => rmSync(dir, { recursive: true, force: true }));
    sink = await startSmtpSink();
    teardown.add('SMTP sink', () => sink.close());
    const secret = randomBytes(48).toString('base64url');
    const appEnv: NodeJS.ProcessEnv = {
      CONFIG_FILE: join(CONFIG_DIR, 'temporal.yaml'),
      SLA_CONFIG_FILE: join(CONFIG_DIR, 'sla.yaml'),
      NOTIFICATIONS_CONFIG_FILE: join(CONFIG_DIR, 'notifications.yaml'),
      AUTH_JWT_SECRET: secret,
      SMTP_HOST: sink.host,
      SMTP_PORT: String(sink.port),
      LOG_LEVEL: 'warn',
    };
    const config = loadConfig({ ...appEnv });
    stack = await startProductStack(teardown, reaper, {
      temporal: 'full', dir, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue, ephemeral: true, appEnv,
    });
    token = await devAdminToken(secret, config.auth.gotrs?.issuer ?? 'gotrs');
    const connection = await Connection.connect({ address: stack.temporal.address });
    teardown.add('Temporal client', () => connection.close());
    client = new Client({ connection, namespace: config.temporal.namespace });
  }, 300_000);

  afterAll(async () => {
    await teardown.runAll();
    await reaper?.close();
  }, 120_000);

  async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer> {
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {} };
  }

  const emailsOf = (event: string, ticketId: string, count = 1) =>
    sink.waitForMessages(count, (m) => m.headers['x-gotrs-event'] === event && m.headers['x-gotrs-ticket-id'] === ticketId, 60_000);

  const workflowStatus = async (workflowId: string) => (await client.workflow.getHandle(workflowId).describe()).status.name;

  let ticketId: string;

  it('creates a ticket with its row and its SLA armed, and tells the customer by email', async () => {
    const created = await call('POST', '/api/v1/tickets', { title: 'Printer on fire', customerUserId: 'alice' });
    expect(created.status).toBe(201);
    ticketId = created.body.id;
    expect(created.body).toMatchObject({ title: 'Printer on fire', status: 'new', customerUserId: 'alice' });
    expect((await call('GET', `/api/v1/tickets/${ticketId}`)).body).toMatchObject({ id: ticketId, title: 'Printer on fire' });
    const sla = await waitFor(async () => {
      const answer = await call('GET', `/api/v1/tickets/${ticketId}/sla`);
      return answer.status === 200 ? answer.body : undefined;
    }, { timeoutMs: 60_000, description: 'the SLA of the ticket' });
    expect(sla.milestones.map((m: { name: string; state: string }) => `${m.name} ${m.state}`)).toEqual(expect.arrayContaining(['FirstResponse running']));
    const [email] = await emailsOf('ticket.created', ticketId);
    expect(email!.to).toEqual(['alice@example.com']);
  }, 120_000);

  it('assigns the ticket through the workflow, writes it and tells the agent by email', async () => {
    const assigned = await call('POST', `/api/v1/tickets/${ticketId}/assign`, { agentId: 'agent-7' });
    expect(assigned).toMatchObject({ status: 200, body: { id: ticketId, assignee: 'agent-7' } });
    expect((await call('GET', `/api/v1/tickets/${ticketId}`)).body).toMatchObject({ assignee: 'agent-7' });
    const [email] = await emailsOf('ticket.assigned', ticketId);
    expect(email!.to).toEqual(['agent-7@gotrs.local']);
  }, 120_000);

  it("breaches a FirstResponse left alone past its due time, records it and tells the policy's managers", async () => {
    const created = await call('POST', '/api/v1/tickets', { title: 'Nobody answers', sla: { firstResponseTime: 'PT2S' } });
    expect(created.status).toBe(201);
    const [email] = await emailsOf('sla.breach', created.body.id);
    expect(email!.to).toEqual(['support-manager@gotrs.local']);
    const sla = (await call('GET', `/api/v1/tickets/${created.body.id}/sla`)).body;
    expect(sla.milestones.find((m: { name: string }) => m.name === 'FirstResponse')).toMatchObject({ state: 'breached' });
    expect(sla.events.map((e: { type: string; milestone: string }) => `${e.type} ${e.milestone}`)).toEqual(expect.arrayContaining(['breach FirstResponse']));
  }, 120_000);

  it('keeps an open ticket across a restart of the Temporal Server, and changes it afterwards', async () => {
    await stack.temporal.full!.restartServer();
    const reassigned = await waitFor(async () => {
      const answer = await call('POST', `/api/v1/tickets/${ticketId}/assign`, { agentId: 'agent-8' });
      return answer.status === 503 ? undefined : answer;
    }, { timeoutMs: 90_000, intervalMs: 1_000, description: 'the assign after the restart' });
    expect(reassigned).toMatchObject({ status: 200, body: { id: ticketId, assignee: 'agent-8', customerUserId: 'alice' } });
  }, 180_000);

  it('closes the ticket: its lifecycle and its SLA workflow complete', async () => {
    const closed = await call('POST', `/api/v1/tickets/${ticketId}/status`, { status: 'closed' });
    expect(closed).toMatchObject({ status: 200, body: { id: ticketId, statusType: 'closed' } });
    const statuses = await waitFor(async () => {
      const both = await Promise.all([workflowStatus(ticketWorkflowId(ticketId)), workflowStatus(slaWorkflowId(ticketId))]);
      return both.includes('RUNNING') ? undefined : both;
    }, { timeoutMs: 60_000, description: 'both workflows of the closed ticket to end' });
    expect(statuses).toEqual(['COMPLETED', 'COMPLETED']);
  }, 120_000);
});
