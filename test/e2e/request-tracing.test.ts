/**
 * One ticket create followed through both services, with the API and the worker as real processes:
 * with tracing on, one trace from the HTTP request to the activity's PostgreSQL queries; with it
 * off, the request ID on the worker's log lines of the workflow and its activity.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { startOtlpReceiver, startSmtpSink, type OtlpReceiver, type ReceivedSpan, type SmtpSink } from '@gotrs/devstack/testing';
import { gotrsToken } from '../../apps/api/test/auth/tokens';
import { startAppProcesses, type AppProcesses, type LogLine } from './app-processes';

jest.setTimeout(120_000);

let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startSmtpSink();
});
afterAll(() => smtp.close());

const smtpEnv = () => ({ SMTP_HOST: smtp.host, SMTP_PORT: String(smtp.port) });

/** POST /api/v1/tickets with `X-Request-Id`; answers the ticket's ID. */
async function createTicket(apps: AppProcesses, requestId: string): Promise<string> {
  const response = await fetch(`${apps.url}/api/v1/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId, authorization: `Bearer ${await gotrsToken({ role: 'Admin' })}` },
    body: JSON.stringify({ title: 'Printer on fire', queue: 'Facilities', customerUserId: 'alice' }),
  });
  expect([201, 202]).toContain(response.status);
  expect(response.headers.get('x-request-id')).toBe(requestId);
  return ((await response.json()) as { id: string }).id;
}

/** Closes the ticket: its workflow run ends, and so does (and is exported) the run's span. */
async function closeTicket(apps: AppProcesses, id: string): Promise<void> {
  const response = await fetch(`${apps.url}/api/v1/tickets/${id}/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await gotrsToken({ role: 'Admin' })}` },
    body: JSON.stringify({ status: 'closed' }),
  });
  expect(response.status).toBe(200);
}

/** `span`'s ancestors, nearest first (within what was received). */
function ancestors(spans: ReceivedSpan[], span: ReceivedSpan): ReceivedSpan[] {
  const chain: ReceivedSpan[] = [];
  for (let parent = spans.find((s) => s.spanId === span.parentSpanId); parent; parent = spans.find((s) => s.spanId === parent.parentSpanId)) {
    chain.push(parent);
  }
  return chain;
}

describe('a ticket create with tracing on (OTLP/HTTP JSON to a receiver on loopback)', () => {
  let receiver: OtlpReceiver;
  let apps: AppProcesses;
  let trace: ReceivedSpan[];
  let ticketId: string;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    apps = await startAppProcesses('tracing-on', {
      ...smtpEnv(),
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '200',
      LOG_LEVEL: 'debug',
    });
    ticketId = await createTicket(apps, 'r-trace-1');
    await receiver.waitFor((spans) => spans.some((s) => s.name === 'RunActivity:CreateTicketActivity'), 'the activity span');
    // A workflow's span ends with its run: the ticket's once it is closed.
    await closeTicket(apps, ticketId);
    await receiver.waitFor((spans) => spans.some((s) => s.name === 'RunWorkflow:TicketLifecycleWorkflow'), 'the workflow run span');
    await receiver.waitFor((spans) => spans.some((s) => s.name === 'smtp send' && ancestors(spans, s).some((a) => a.name === 'RunWorkflow:NotificationWorkflow')), 'an email sent, its workflow ended');
    const root = receiver.spans.find((s) => s.service === 'gotrs-api' && s.parentSpanId === undefined && s.name.startsWith('POST'))!;
    trace = receiver.spans.filter((s) => s.traceId === root.traceId);
  });
  afterAll(async () => {
    await apps?.stop();
    await receiver?.close();
  });

  const one = (name: string, service: string) => {
    const matches = trace.filter((s) => s.name === name && s.service === service);
    expect(matches.map((s) => `${s.service} ${s.name}`)).toEqual([`${service} ${name}`]);
    return matches[0]!;
  };

  it('starts with the API\'s HTTP server span, the root of the trace', () => {
    const http = trace.find((s) => s.parentSpanId === undefined)!;
    expect(http).toMatchObject({ service: 'gotrs-api', name: 'POST /api/v1/tickets' });
    expect(http.attributes).toMatchObject({ 'http.method': 'POST', 'http.route': '/api/v1/tickets' });
    expect([201, 202]).toContain(http.attributes['http.status_code']);
  });

  it('puts the Update-with-Start client span (the create in one call) inside the request, and the workflow run under it on the worker', () => {
    const start = one('UpdateWithStartWorkflow:ticket-persisted', 'gotrs-api');
    expect(ancestors(trace, start).at(-1)!.name).toBe('POST /api/v1/tickets');
    const run = one('RunWorkflow:TicketLifecycleWorkflow', 'gotrs-worker');
    expect(run.parentSpanId).toBe(start.spanId);
    one('StartWorkflow:SLAEnforcementWorkflow', 'gotrs-api');
  });

  it('runs CreateTicketActivity under the workflow, with its PostgreSQL queries inside it', () => {
    const scheduled = one('StartActivity:CreateTicketActivity', 'gotrs-worker');
    expect(scheduled.parentSpanId).toBe(one('RunWorkflow:TicketLifecycleWorkflow', 'gotrs-worker').spanId);
    const activity = one('RunActivity:CreateTicketActivity', 'gotrs-worker');
    expect(activity.parentSpanId).toBe(scheduled.spanId);
    expect(activity.attributes.temporalWorkflowId).toBe(`ticket-${ticketId}`);
    const queries = trace.filter((s) => s.service === 'gotrs-worker' && s.name.startsWith('pg.query') && ancestors(trace, s).includes(activity));
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.every((q) => q.attributes['db.system'] === 'postgresql')).toBe(true);
  });

  it("follows the ticket's email into the same trace, down to the SMTP send", () => {
    const sends = trace.filter((s) => s.name === 'smtp send' && ancestors(trace, s).some((a) => a.name === 'RunWorkflow:NotificationWorkflow'));
    expect(sends.length).toBeGreaterThan(0);
    expect(ancestors(trace, sends[0]!).map((s) => s.name)).toEqual([
      'RunActivity:SendEmailActivity', 'StartActivity:SendEmailActivity', 'RunWorkflow:NotificationWorkflow', 'StartWorkflow:NotificationWorkflow',
      'RunActivity:NotifyTicketEventActivity', 'StartActivity:NotifyTicketEventActivity', 'RunWorkflow:TicketLifecycleWorkflow',
      'UpdateWithStartWorkflow:ticket-persisted', 'handler - plugin', 'request', 'POST /api/v1/tickets',
    ]);
    expect(sends[0]!.attributes).toMatchObject({ 'server.address': smtp.host, 'server.port': smtp.port });
  });

  it("puts the trace ID and the request ID on the lines an activity writes", async () => {
    const line = await apps.worker.waitForLine((l) => l.msg === 'notifications started' && l.ticketId === ticketId && l.event === 'ticket.created', 'the notifier line');
    expect(line).toMatchObject({ trace_id: trace[0]!.traceId, span_id: expect.stringMatching(/^[0-9a-f]{16}$/), requestId: 'r-trace-1' });
    const api = apps.api.lines.find((l) => l.requestId === 'r-trace-1' && l.msg === 'request completed');
    expect(api).toMatchObject({ service: 'gotrs-api', trace_id: trace[0]!.traceId });
  });
});

describe('a ticket create with tracing off', () => {
  let apps: AppProcesses;
  let ticketId: string;
  const workerLines = (predicate: (line: LogLine) => boolean) => apps.worker.lines.filter(predicate);

  beforeAll(async () => {
    apps = await startAppProcesses('tracing-off', { ...smtpEnv(), LOG_LEVEL: 'debug' });
    ticketId = await createTicket(apps, 'r-123');
    await apps.worker.waitForLine((l) => l.activityType === 'CreateTicketActivity' && l.msg === 'Activity completed', 'CreateTicketActivity completed');
  });
  afterAll(() => apps?.stop());

  it("carries X-Request-Id to the worker's log lines of the workflow", () => {
    const workflow = workerLines((l) => l.workflowId === `ticket-${ticketId}` && l.workflowType === 'TicketLifecycleWorkflow' && l.activityType === undefined);
    expect(workflow.map((l) => l.msg)).toContain('Workflow started');
    expect(workflow.map((l) => l.requestId)).toEqual(workflow.map(() => 'r-123'));
  });

  it('carries it to the lines of its CreateTicketActivity, from the moment it runs', () => {
    // The SDK writes "Activity started" before any interceptor sees the activity's headers.
    const activity = workerLines((l) => l.activityType === 'CreateTicketActivity' && l.workflowId === `ticket-${ticketId}` && l.msg !== 'Activity started');
    expect(activity.map((l) => l.msg)).toContain('Activity completed');
    expect(activity.map((l) => l.requestId)).toEqual(activity.map(() => 'r-123'));
  });

  it('gives the lines of both services the same base keys: service, pid, hostname', () => {
    const api = apps.api.lines.find((l) => l.requestId === 'r-123')!;
    const worker = workerLines((l) => l.requestId === 'r-123')[0]!;
    expect(api).toMatchObject({ service: 'gotrs-api', pid: expect.any(Number), hostname: expect.any(String) });
    expect(worker).toMatchObject({ service: 'gotrs-worker', pid: expect.any(Number), hostname: expect.any(String) });
    expect(api).not.toHaveProperty('name');
    expect(api).not.toHaveProperty('trace_id');
  });

  it("logs the bundler's webpack report at debug and one info line about the bundle", () => {
    const report = workerLines((l) => typeof l.msg === 'string' && l.msg.includes('workflow-bundle-'));
    expect(report.length).toBeGreaterThan(0);
    expect(report.every((l) => l.level === 20)).toBe(true);
    expect(workerLines((l) => l.msg === 'workflows bundled').map((l) => l.level)).toEqual([30]);
  });
});

describe('tracing off', () => {
  it('loads nothing of the OpenTelemetry SDK or its Temporal interceptors in either process', () => {
    const repo = resolve(__dirname, '..', '..');
    const probe = [
      "require('./apps/api/dist/tracing/register');",
      "require('./apps/api/dist/temporal/create-client').createTemporalClient;",
      "require('./apps/worker/dist/tracing/register');",
      "require('./apps/worker/dist/tracing/worker-interceptors').workerObservability();",
      "require('./apps/worker/dist/create-worker');",
      "console.log(JSON.stringify(Object.keys(require.cache).filter((f) => /opentelemetry/.test(f))));",
    ].join('\n');
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('OTEL_')));
    const result = spawnSync(process.execPath, ['-e', probe], { cwd: repo, env, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const loaded = JSON.parse(result.stdout) as string[];
    expect(loaded.filter((file) => !file.includes('/@opentelemetry/api/'))).toEqual([]);
  });
});
