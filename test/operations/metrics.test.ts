/**
 * Both /metrics endpoints on the real stack: the API and the worker as processes (server.ts,
 * worker.ts), the run's Temporal and PostgreSQL, an SMTP sink. Each test does a small workload and
 * checks that the figures moved by exactly what it did.
 */
import { randomUUID } from 'node:crypto';
import { ticketWorkflowId } from '@gotrs/contracts';
import { startSmtpSink, testEnv, waitFor, type SmtpSink } from '@gotrs/devstack/testing';
import { Client, Connection } from '@temporalio/client';
import { Pool } from 'pg';
import { gotrsToken } from '../../apps/api/test/auth/tokens';
import { answers, appEnv, spawnApp, type AppProcess } from './app-process';
import { alertExpressions, dashboardExpressions } from './docs-references';
import { declaredFamilies, scrape, valueOf, type Sample } from './exposition';
import { SYNTHETIC_SERIES, isExported, metricNamesOf } from './promql-metrics';

jest.setTimeout(120_000);

let sink: SmtpSink;
let api: AppProcess;
let worker: AppProcess;
let pool: Pool;
let connection: Connection;
let client: Client;
let apiUrl: string;
let workerMetrics: string;
let token: string;
/** The worker's first scrape, before any workload. */
let firstWorkerScrape: Sample[];
/** Every ticket this file creates. */
const tickets: string[] = [];

beforeAll(async () => {
  sink = await startSmtpSink();
  const env = await appEnv('metrics', { SMTP_HOST: sink.host, SMTP_PORT: String(sink.port) });
  worker = spawnApp('worker', env);
  api = spawnApp('api', env);
  apiUrl = `http://127.0.0.1:${env.API_PORT}`;
  workerMetrics = `http://127.0.0.1:${env.WORKER_METRICS_PORT}/metrics`;
  pool = new Pool({ connectionString: testEnv().databaseUrl, max: 2 });
  connection = await Connection.connect({ address: testEnv().temporalAddress });
  client = new Client({ connection, namespace: testEnv().temporalNamespace });
  token = await gotrsToken({ role: 'Admin' });
  await Promise.all([answers(`http://127.0.0.1:${env.WORKER_METRICS_PORT}/healthz`, 200, 60_000), answers(`${apiUrl}/readyz`, 200, 60_000)]);
  firstWorkerScrape = (await scrape(workerMetrics)).samples;
}, 90_000);

afterAll(async () => {
  await Promise.all([api?.stop(), worker?.stop()]);
  await Promise.allSettled([sink?.close(), pool?.end(), connection?.close()]);
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const answer = { status: response.status, body: text ? JSON.parse(text) : null };
  if (method === 'POST' && path === '/api/v1/tickets' && answer.body?.id) tickets.push(answer.body.id);
  return answer;
}

type Figures = Record<string, [string, Record<string, string>]>;

/**
 * How much each named figure moved while `work` ran. An activity counts a moment after its row is
 * written, so the figures are read again (for up to 10 s) until they are what `expected` says; if
 * they never are, the last reading is returned for the assertion to show.
 */
async function deltas(url: string, work: () => Promise<void>, figures: Figures, expected: Record<string, number>): Promise<Record<string, number>> {
  const before = (await scrape(url)).samples;
  await work();
  const read = async () => {
    const after = (await scrape(url)).samples;
    return Object.fromEntries(Object.entries(figures).map(([key, [name, labels]]) => [key, valueOf(after, name, labels) - valueOf(before, name, labels)]));
  };
  const settled = await waitFor(async () => {
    const moved = await read();
    return Object.entries(expected).every(([key, value]) => moved[key] === value) ? moved : undefined;
  }, { timeoutMs: 10_000, description: 'the figures' }).catch(() => undefined);
  return settled ?? read();
}

/** Resolves once every notification of the ticket has ended (sent, fallback or failed); answers them. */
function notificationsEnded(ticketId: string, count: number): Promise<Array<{ status: string; channel: string }>> {
  return waitFor(async () => {
    const { rows } = await pool.query<{ status: string; channel: string }>('SELECT status, channel FROM notifications WHERE ticket_id = $1', [ticketId]);
    return rows.length === count && rows.every((r) => ['sent', 'fallback', 'failed'].includes(r.status)) ? rows : undefined;
  }, { timeoutMs: 30_000, description: `${count} notifications of ticket ${ticketId} to end` });
}

describe('GET /metrics of the API', () => {
  it('counts three creates under the create route, by method and status, and their Temporal calls by operation', async () => {
    const moved = await deltas(`${apiUrl}/metrics`, async () => {
      for (let i = 0; i < 3; i++) expect((await call('POST', '/api/v1/tickets', { title: `Metrics ${i}` })).status).toBe(201);
    }, {
      creates: ['gotrs_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/tickets', status_code: '201' }],
      starts: ['gotrs_temporal_request_duration_seconds_count', { operation: 'start-ticket', outcome: 'ok' }],
      slaStarts: ['gotrs_temporal_request_duration_seconds_count', { operation: 'start-sla', outcome: 'ok' }],
      failures: ['gotrs_temporal_request_failures_total', {}],
    }, { creates: 3, starts: 3, slaStarts: 3, failures: 0 });
    expect(moved).toEqual({ creates: 3, starts: 3, slaStarts: 3, failures: 0 });
  });

  it('counts a read of an unknown ticket under the route template, never under its path', async () => {
    const id = randomUUID();
    const moved = await deltas(`${apiUrl}/metrics`, async () => {
      expect((await call('GET', `/api/v1/tickets/${id}`)).status).toBe(404);
    }, { reads: ['gotrs_http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/tickets/:id', status_code: '404' }] }, { reads: 1 });
    expect(moved).toEqual({ reads: 1 });
    expect((await scrape(`${apiUrl}/metrics`)).text).not.toContain(id);
  });

  it('shows the PostgreSQL pool and the process', async () => {
    const { samples } = await scrape(`${apiUrl}/metrics`);
    expect(valueOf(samples, 'gotrs_pg_pool_connections')).toBeGreaterThan(0);
    expect(samples.map((s) => s.name)).toEqual(expect.arrayContaining(['gotrs_pg_pool_idle_connections', 'gotrs_pg_pool_waiting_requests',
      'gotrs_http_requests_in_flight', 'process_cpu_seconds_total', 'nodejs_eventloop_lag_p99_seconds']));
  });
});

describe('GET /metrics of the worker (WORKER_METRICS_PORT)', () => {
  it('counts one email sent: one notification sent by email, one SMTP send, one attempt', async () => {
    let ticketId = '';
    const moved = await deltas(workerMetrics, async () => {
      ticketId = (await call('POST', '/api/v1/tickets', { title: 'Mail me' })).body.id;
      const accepted = await call('POST', '/api/v1/notifications', { recipient: 'alice', subject: 'Fixed', body: 'It is fixed.', ticketId });
      expect(accepted.status).toBe(202);
      expect(await notificationsEnded(ticketId, 1)).toEqual([{ status: 'sent', channel: 'email' }]);
    }, {
      sent: ['gotrs_notifications_total', { outcome: 'sent', channel: 'email' }],
      failed: ['gotrs_notifications_total', { outcome: 'failed' }],
      smtp: ['gotrs_smtp_send_duration_seconds_count', { result: 'ok' }],
      attempts: ['gotrs_notification_attempts_total', { channel: 'email', outcome: 'sent' }],
    }, { sent: 1, failed: 0, smtp: 1, attempts: 1 });
    expect(moved).toEqual({ sent: 1, failed: 0, smtp: 1, attempts: 1 });
    expect(sink.messages.filter((m) => m.headers['x-gotrs-ticket-id'] === ticketId)).toHaveLength(1);
  });

  it('counts one forced breach with its milestone and policy, its lateness, its warning, its escalation and the emails it caused', async () => {
    let ticketId = '';
    const moved = await deltas(workerMetrics, async () => {
      const created = await call('POST', '/api/v1/tickets', { title: 'Breach me', sla: { firstResponseTime: 'PT2S' } });
      expect(created.status).toBe(201);
      ticketId = created.body.id;
      // The warning and the breach to the policy's manager, level 1 of its ladder to the team lead.
      const ended = await notificationsEnded(ticketId, 3);
      expect(ended.map((n) => `${n.status}/${n.channel}`)).toEqual(['sent/email', 'sent/email', 'sent/email']);
      await waitFor(async () => (await call('GET', `/api/v1/tickets/${ticketId}`)).body.escalationLevel === 1, { description: 'escalation level 1' });
    }, {
      breaches: ['gotrs_sla_breaches_total', { milestone: 'FirstResponse', policy: 'standard' }],
      anyBreach: ['gotrs_sla_breaches_total', {}],
      late: ['gotrs_sla_breach_lateness_seconds_count', { milestone: 'FirstResponse', policy: 'standard' }],
      warnings: ['gotrs_sla_warnings_total', { milestone: 'FirstResponse', policy: 'standard' }],
      escalations: ['gotrs_escalation_levels_fired_total', { trigger: 'sla:FirstResponse', level: '1' }],
      sent: ['gotrs_notifications_total', { outcome: 'sent', channel: 'email' }],
    }, { breaches: 1, anyBreach: 1, late: 1, warnings: 1, escalations: 1, sent: 3 });
    expect(moved).toEqual({ breaches: 1, anyBreach: 1, late: 1, warnings: 1, escalations: 1, sent: 3 });
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM sla_events WHERE ticket_id = $1 AND type = $2', [ticketId, 'breach']);
    expect(rows[0].n).toBe(1);
  });

  it('counts a change applied and a change rejected, by kind', async () => {
    const ticketId = (await call('POST', '/api/v1/tickets', { title: 'Change me' })).body.id;
    const moved = await deltas(workerMetrics, async () => {
      expect((await call('POST', `/api/v1/tickets/${ticketId}/assign`, { agentId: 'agent-7' })).status).toBe(200);
      // A Go caller's signal with a status GOTRS does not have: recorded as rejected in the history.
      await client.workflow.getHandle(ticketWorkflowId(ticketId)).signal('update-status', 'no such status');
      await waitFor(async () => {
        const history = (await call('GET', `/api/v1/tickets/${ticketId}/history`)).body;
        return (history.items ?? history).some((entry: { action: string }) => entry.action === 'rejected');
      }, { description: 'the rejected signal in the history' });
    }, {
      assigned: ['gotrs_ticket_changes_total', { kind: 'assign', result: 'applied' }],
      rejected: ['gotrs_ticket_changes_total', { kind: 'status', result: 'rejected' }],
      allRejected: ['gotrs_ticket_changes_total', { result: 'rejected' }],
    }, { assigned: 1, rejected: 1, allRejected: 1 });
    expect(moved).toEqual({ assigned: 1, rejected: 1, allRejected: 1 });
  });

  it("serves the Temporal SDK's own metrics on the same endpoint, moved by the workload", async () => {
    const notifications = await waitFor(async () => {
      const { rows } = await pool.query<{ status: string }>('SELECT status FROM notifications WHERE ticket_id = ANY($1)', [tickets]);
      return rows.every((r) => ['sent', 'fallback', 'failed'].includes(r.status)) ? rows.length : undefined;
    }, { description: 'the notifications of this file to end' });
    const { samples } = await scrape(workerMetrics);
    const moved = (name: string, labels: Record<string, string> = {}) => valueOf(samples, name, labels) - valueOf(firstWorkerScrape, name, labels);
    expect(moved('temporal_workflow_task_schedule_to_start_latency_seconds_count')).toBeGreaterThan(0);
    expect(moved('temporal_activity_schedule_to_start_latency_seconds_count')).toBeGreaterThan(0);
    // The SLA's records are local activities (the compact run shape), timed by their own histogram.
    expect(moved('temporal_local_activity_execution_latency_seconds_count', { activity_type: 'SLABreachActivity' })).toBe(1);
    expect(notifications).toBeGreaterThanOrEqual(4);
    // Each workflow completes a moment after its log row is written: wait for the last one, never for more.
    const completed = async () => valueOf((await scrape(workerMetrics)).samples, 'temporal_workflow_completed_total', { workflow_type: 'NotificationWorkflow' })
      - valueOf(firstWorkerScrape, 'temporal_workflow_completed_total', { workflow_type: 'NotificationWorkflow' });
    // A notice's workflow may start after the count above (its row comes later): compare once both are still.
    const ended = async () => (await pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM notifications WHERE ticket_id = ANY($1) AND status IN ('sent', 'fallback', 'failed')", [tickets])).rows[0]!.n;
    const settled = await waitFor(async () => {
      const [rows, done] = [await ended(), await completed()];
      return done >= notifications && done === rows ? rows : undefined;
    }, { description: `${notifications} or more notification workflows completed, one per ended notification` });
    expect(await completed()).toBe(settled);
    const names = new Set(samples.map((s) => s.name));
    for (const name of ['temporal_worker_task_slots_available', 'temporal_worker_task_slots_used', 'temporal_sticky_cache_size', 'temporal_num_pollers']) {
      expect(names).toContain(name);
    }
    expect(valueOf(samples, 'gotrs_worker_polling')).toBe(1);
  });
});

describe('docs/: the Prometheus alert rules and the Grafana dashboard', () => {
  it('name only metrics that a scrape of the API and the worker shows after the workload', async () => {
    const [apiScrape, workerScrape] = await Promise.all([scrape(`${apiUrl}/metrics`), scrape(workerMetrics)]);
    const families = new Map([...declaredFamilies(apiScrape.text), ...declaredFamilies(workerScrape.text)]);
    const series = new Set([...apiScrape.samples, ...workerScrape.samples].map((s) => s.name));
    const references = [...alertExpressions(), ...dashboardExpressions()];
    expect(references.length).toBeGreaterThan(20);
    const named = references.flatMap(({ where, expr }) => metricNamesOf(expr).map((name) => ({ where, name })));
    const missing = named.filter(({ name }) => !SYNTHETIC_SERIES.has(name) && !isExported(name, families, series));
    expect(missing).toEqual([]);
    // The four alerts the operators asked for are there.
    const alerts = alertExpressions().map((r) => r.expr);
    for (const metric of ['gotrs_sla_breach_lateness_seconds_bucket', 'temporal_workflow_task_schedule_to_start_latency_seconds_bucket',
      'gotrs_notifications_total', 'gotrs_worker_polling']) {
      expect(alerts.some((expr) => metricNamesOf(expr).includes(metric))).toBe(true);
    }
  });
});
