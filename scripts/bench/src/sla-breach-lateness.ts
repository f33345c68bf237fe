/**
 * Benchmark (not a test): how late SLA breaches fire. Starts its own Temporal dev server and
 * throwaway PostgreSQL (devstack's test stack, with a reaper should it be killed), an SMTP sink and
 * the real worker in this process; or, with `--server full`, the benchmarks' product stack on the full
 * Temporal Server (its PostgreSQL, the product's, the worker and the API as processes). It starts N SLA workflows whose FirstResponse targets are staggered
 * between --first and --last seconds from now (24x7, warning at 80%, a one-level escalation ladder
 * and the managers told, as a real policy would); waits for every breach; prints the lateness
 * (breach time minus due time) from PostgreSQL and the time from due to the managers' breach email.
 *
 *   npm run bench:sla -- [--server dev|full] [--tickets 200] [--first 5] [--last 25] [--bare] [--activity-slots 10] [--workflow-slots 10]
 *
 * --bare: no warning and no escalation (the timers and the breach record alone). The slots default to
 * config/temporal.yaml's worker concurrency (the seed's 10 and 10).
 */
import { randomUUID } from 'node:crypto';
import { loadConfig, type AppConfig } from '@gotrs/config';
import { WorkflowTypes, slaWorkflowId } from '@gotrs/contracts';
import { createOrLoadTicket, createPool } from '@gotrs/db';
import { Reaper, Teardown, startSmtpSink, startTestStack, waitFor, type SmtpSink } from '@gotrs/devstack';
import { CALENDAR_24X7, slaStartSearchAttributes, type SlaPlan } from '@gotrs/sla';
import { createWorker } from '@gotrs/worker/dist/create-worker';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import type { Pool } from 'pg';
import pino from 'pino';
import { startBenchStack } from './bench-stack';
import { choiceOption } from './figures';

const TASK_QUEUE = 'bench-sla';
const START_CONCURRENCY = 20;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Nearest-rank percentile of an ascending list. */
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50)} ms, p99 ${percentile(sorted, 99)} ms, max ${sorted.at(-1)} ms, min ${sorted[0]} ms (n=${sorted.length})`;
}

/** A plan like a configured policy's, with one FirstResponse target: due at `startedAt + targetMs`. */
function benchPlan(startedAt: string, targetMs: number, bare: boolean): SlaPlan {
  return {
    policy: { name: 'bench', version: 1, reason: 'benchmark' },
    calendar: CALENDAR_24X7,
    milestones: [{ name: 'FirstResponse', targetMs, pauseOn: [] }],
    warn: bare ? { percent: null, leadMs: null } : { percent: 80, leadMs: null },
    managers: ['support-manager'],
    escalation: bare ? [] : [{ level: 1, waitMs: 3_600_000, condition: 'unanswered' }],
    startedAt,
  };
}

async function runInParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

interface BreachRow {
  ticket_id: string;
  lateness_ms: number;
  recorded_ms: number;
  due_ms: number;
}

/** Where the SLA workflows run: what the benchmark starts them with and reads the breaches and emails from. */
interface SlaBenchStack {
  config: AppConfig;
  pool: Pool;
  client: Client;
  sink: SmtpSink;
  taskQueue: string;
}

/** The full Temporal Server with the product's worker (and API) as processes, as bench:api runs them. */
async function productStack(teardown: Teardown): Promise<SlaBenchStack> {
  const slots = (name: string, key: string): [string[], unknown][] =>
    (process.argv.includes(`--${name}`) ? [[['temporal', 'worker', key], Math.round(option(name, 1))]] : []);
  say('starting the full Temporal Server, PostgreSQL, the worker and the API...');
  const bench = await startBenchStack({
    temporal: 'full', logLevel: 'warn',
    settings: [...slots('activity-slots', 'max_concurrent_activities'), ...slots('workflow-slots', 'max_concurrent_workflows')],
  });
  teardown.add('bench stack', () => bench.close());
  return { config: bench.config, pool: bench.pool, client: bench.client, sink: bench.sink, taskQueue: bench.config.temporal.taskQueue };
}

/** The dev server and a throwaway PostgreSQL, with the worker in this process. */
async function inProcessStack(teardown: Teardown, reaper: Reaper): Promise<SlaBenchStack> {
  const env = await startTestStack(teardown, reaper);
  const sink = await startSmtpSink();
  sink.parse = false;
  teardown.add('SMTP sink', () => sink.close());
  const config = loadConfig({ ...process.env, TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS, DATABASE_URL: env.DATABASE_URL, TEMPORAL_TASK_QUEUE: TASK_QUEUE, LOG_LEVEL: 'warn' });
  Object.assign(config.notifications.smtp, { host: sink.host, port: sink.port });
  config.temporal.worker.maxConcurrentActivities = option('activity-slots', config.temporal.worker.maxConcurrentActivities);
  config.temporal.worker.maxConcurrentWorkflows = option('workflow-slots', config.temporal.worker.maxConcurrentWorkflows);
  const pool = createPool(config.database);
  teardown.add('pool', () => pool.end());
  const client = new Client({ connection: await Connection.connect({ address: config.temporal.address }), namespace: config.temporal.namespace });
  teardown.add('client', () => client.connection.close());

  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  teardown.add('worker connection', () => connection.close());
  say('bundling the workflows and starting the worker in this process...');
  const worker = await createWorker({ config, connection, pool, client, logger: pino({ level: 'error' }) });
  const running = worker.run();
  teardown.add('worker', async () => {
    worker.shutdown();
    await running;
  });
  await waitFor(() => (worker.getState() === 'RUNNING' ? true : undefined), { timeoutMs: 30_000, description: 'the worker' });
  return { config, pool, client, sink, taskQueue: TASK_QUEUE };
}

async function main(): Promise<void> {
  const server = choiceOption('server', ['dev', 'full'] as const, 'dev');
  const count = Math.round(option('tickets', 200));
  const firstMs = option('first', 5) * 1000;
  const lastMs = option('last', 25) * 1000;
  if (lastMs < firstMs) throw new Error('--last must be at least --first');
  const bare = process.argv.includes('--bare');
  const teardown = new Teardown();
  const reaper = Reaper.start();
  try {
    const { config, pool, client, sink, taskQueue } = server === 'full' ? await productStack(teardown) : await inProcessStack(teardown, reaper);

    const startedAt = new Date().toISOString();
    const t0 = Date.parse(startedAt);
    const tickets = Array.from({ length: count }, (_, i) => ({
      id: `bench-${randomUUID()}`,
      targetMs: Math.round(firstMs + (count === 1 ? 0 : (i * (lastMs - firstMs)) / (count - 1))),
    }));
    const effects = bare ? 'no warning, no escalation, managers told on breach' : 'warning at 80%, managers told and a one-level escalation on breach';
    const slots = `${config.temporal.worker.maxConcurrentActivities} activity / ${config.temporal.worker.maxConcurrentWorkflows} workflow task slots`;
    say(`starting ${count} SLA workflows (FirstResponse due ${firstMs / 1000}-${lastMs / 1000} s from now, 24x7; ${effects}; ${slots})...`);
    await runInParallel(tickets, START_CONCURRENCY, async ({ id, targetMs }) => {
      // The row the escalation ladder and the managers' email read; the SLA workflow does not need it.
      await createOrLoadTicket(pool, { ticket: { id, title: 'Benchmark ticket', createdAt: startedAt }, changeId: `${id}/created`, at: startedAt });
      // As the API starts it: the workflow settings in the memo, the search attributes set.
      const plan = benchPlan(startedAt, targetMs, bare);
      const memo = { workflowSettings: config.workflows };
      await client.workflow.start(WorkflowTypes.slaEnforcement, {
        workflowId: slaWorkflowId(id), taskQueue, args: [id, { plan }], memo,
        typedSearchAttributes: slaStartSearchAttributes(plan, memo),
      });
    });
    say(`  started in ${((Date.now() - t0) / 1000).toFixed(2)} s; waiting for the breaches (the last is due ${lastMs / 1000} s after the first start)...`);

    const ids = tickets.map((t) => t.id);
    await waitFor(async () => {
      const { rows } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM sla_events WHERE type = 'breach' AND ticket_id = ANY($1)", [ids]);
      return rows[0]!.n >= count ? true : undefined;
    }, { timeoutMs: lastMs + 120_000, intervalMs: 250, description: `${count} breaches in sla_events` });
    const { rows } = await pool.query<BreachRow>(
      `SELECT ticket_id,
              (extract(epoch FROM occurred_at - due_at) * 1000)::float8 AS lateness_ms,
              (extract(epoch FROM recorded_at - due_at) * 1000)::float8 AS recorded_ms,
              (extract(epoch FROM due_at) * 1000)::float8 AS due_ms
         FROM sla_events WHERE type = 'breach' AND ticket_id = ANY($1)`,
      [ids],
    );
    const late = rows.map((r) => Math.round(r.lateness_ms));
    say(`breaches: ${rows.length} of ${count}`);
    say(`  breach time - due time (sla_events.occurred_at - due_at):   ${summary(late)}`);
    say(`  breach written to PostgreSQL - due time (recorded_at):       ${summary(rows.map((r) => Math.round(r.recorded_ms)))}`);
    const byDue = [...rows].sort((a, b) => a.due_ms - b.due_ms);
    const fifths = [0, 1, 2, 3, 4].map((i) => byDue.slice((i * byDue.length) / 5, ((i + 1) * byDue.length) / 5));
    say(`  p50 by fifth of the due times: ${fifths.map((f) => percentile(f.map((r) => Math.round(r.lateness_ms)).sort((a, b) => a - b), 50)).join(', ')} ms`);
    say(`  p99 under one second: ${percentile([...late].sort((a, b) => a - b), 99) < 1000 ? 'yes' : 'NO'}`);

    const due = new Map(rows.map((r) => [r.ticket_id, r.due_ms]));
    const isBreachMail = (m: { headers: Record<string, string> }) => m.headers['x-gotrs-event'] === 'sla.breach' && due.has(m.headers['x-gotrs-ticket-id'] ?? '');
    try {
      const mails = await sink.waitForMessages(count, isBreachMail, 60_000);
      const first = new Map<string, number>();
      for (const m of mails) {
        const id = m.headers['x-gotrs-ticket-id']!;
        first.set(id, Math.min(first.get(id) ?? Infinity, m.receivedAt));
      }
      say(`due time -> managers' breach email in the SMTP sink:          ${summary([...first].map(([id, at]) => Math.round(at - due.get(id)!)))}`);
    } catch (error) {
      const got = sink.messages.filter(isBreachMail).length;
      say(`due time -> managers' breach email: not measured (${got} of ${count} breach emails arrived: ${(error as Error).message})`);
    }
  } finally {
    await teardown.runAll();
    await reaper.close();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
