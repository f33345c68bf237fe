/**
 * Benchmark (not a test): N ad-hoc notifications through NotificationWorkflow on a stack of its own
 * (Temporal dev server, throwaway PostgreSQL, the built worker as a process, an in-process SMTP sink),
 * then the time from SLA breaches to the managers' emails. Prints its figures and stops everything.
 *
 *   npm run bench:notifications -- [--count 500] [--concurrency 200] [--breaches 5]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WorkflowTypes, notificationWorkflowId, slaWorkflowId, ticketWorkflowId, type NotificationRequest } from '@gotrs/contracts';
import { createPool, runMigrations } from '@gotrs/db';
import { Reaper, freePort, resolveTemporalCli, startLocalPostgres, startSmtpSink, startTemporalDevServer, type SmtpSink } from '@gotrs/devstack';
import { Client, Connection } from '@temporalio/client';

const REPO = resolve(__dirname, '..', '..', '..');
const TASK_QUEUE = 'bench-notifications';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** A policy on the 24x7 calendar, so that second-scale SLA targets breach now, whatever the hour. */
function benchSlaConfig(dir: string): string {
  const file = join(dir, 'sla.yaml');
  writeFileSync(file, [
    'policies:',
    '  bench: { version: 1, calendar: 24x7, targets: { FirstResponse: PT1H, Resolution: PT8H }, managers: [support-manager] }',
    'default_policy: bench',
    '',
  ].join('\n'));
  return file;
}

/** The built worker as a process of its own group; `died` rejects should it exit. */
function startWorker(env: NodeJS.ProcessEnv): { child: ChildProcess; died: Promise<never> } {
  const child = spawn(process.execPath, [join(REPO, 'apps/worker/dist/worker.js')], { env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(`[worker] ${chunk.toString()}`));
  const died = new Promise<never>((_, reject) => child.once('exit', (code, signal) => reject(new Error(`the worker exited (${code ?? signal})`))));
  died.catch(() => undefined);
  return { child, died };
}

async function runInParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

function adHoc(tag: string): NotificationRequest {
  return { id: randomUUID(), ticketId: null, recipient: 'agent-7', channel: 'email', subject: `bench ${tag}`, body: 'Benchmark message.', event: 'ad-hoc' };
}

/** Starts `count` notifications, `concurrency` starts in flight, and waits for every email. */
async function throughput(client: Client, sink: SmtpSink, count: number, concurrency: number) {
  const requests = Array.from({ length: count }, (_, i) => adHoc(String(i)));
  const startedAt = new Map<string, number>();
  const first = Date.now();
  await runInParallel(requests, concurrency, async (request) => {
    startedAt.set(request.id, Date.now());
    await client.workflow.start(WorkflowTypes.notification, { workflowId: notificationWorkflowId(request.id), taskQueue: TASK_QUEUE, args: [request] });
  });
  const ids = new Set(requests.map((r) => r.id));
  const mails = await sink.waitForMessages(count, (m) => ids.has(m.headers['x-gotrs-notification-id'] ?? ''), 600_000);
  const last = Math.max(...mails.map((m) => m.receivedAt));
  const latencies = mails.map((m) => m.receivedAt - startedAt.get(m.headers['x-gotrs-notification-id']!)!).sort((a, b) => a - b);
  return { seconds: (last - first) / 1000, latencies, copies: mails.length };
}

/** SLA workflows (Go's SLAConfig) whose FirstResponse breaches in a few seconds; breach → managers' email. */
async function breachToEmail(client: Client, sink: SmtpSink, breaches: number, databaseUrl: string) {
  sink.parse = true;
  const tickets = Array.from({ length: breaches }, (_, i) => ({ id: `bench-${randomUUID()}`, targetMs: 2000 + 250 * i }));
  for (const { id, targetMs } of tickets) {
    await client.workflow.start(WorkflowTypes.ticketLifecycle, { workflowId: ticketWorkflowId(id), taskQueue: TASK_QUEUE, args: [{ ticket: { id, title: 'Benchmark ticket' } }] });
    await client.workflow.start(WorkflowTypes.slaEnforcement, {
      workflowId: slaWorkflowId(id), taskQueue: TASK_QUEUE, args: [id, { FirstResponseTime: targetMs * 1e6, ResolutionTime: 3_600_000 * 1e6 }],
    });
  }
  const ids = new Set(tickets.map((t) => t.id));
  const isBreach = (m: { headers: Record<string, string> }) => m.headers['x-gotrs-event'] === 'sla.breach' && ids.has(m.headers['x-gotrs-ticket-id'] ?? '');
  const mails = await sink.waitForMessages(breaches, isBreach, 60_000);
  const recorded = await breachesRecorded(databaseUrl, [...ids]);
  const sorted = (values: number[]) => values.sort((a, b) => a - b);
  return {
    dueToEmail: sorted(mails.map((m) => {
      const due = /due at (\S+) and was not met/.exec(m.text)?.[1];
      if (!due) throw new Error(`no due time in the breach email:\n${m.text}`);
      return m.receivedAt - Date.parse(due);
    })),
    // From the SLA workflow's breach record (SLABreachActivity's write) to the email: the notification path.
    recordedToEmail: sorted(mails.flatMap((m) => {
      const at = recorded.get(m.headers['x-gotrs-ticket-id']!);
      return at === undefined ? [] : [m.receivedAt - at];
    })),
  };
}

/** When each ticket's breach row was written (sla_events.recorded_at), by ticket. */
async function breachesRecorded(databaseUrl: string, ticketIds: string[]): Promise<Map<string, number>> {
  const pool = createPool({ url: databaseUrl, poolSize: 1, connectTimeoutMs: 2000, statementTimeoutMs: 5000 });
  try {
    const { rows } = await pool.query<{ ticket_id: string; recorded_at: Date }>(
      "SELECT ticket_id, min(recorded_at) AS recorded_at FROM sla_events WHERE type = 'breach' AND ticket_id = ANY($1) GROUP BY ticket_id",
      [ticketIds],
    );
    return new Map(rows.map((r) => [r.ticket_id, r.recorded_at.getTime()]));
  } catch {
    return new Map();
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  const count = option('count', 500);
  const concurrency = option('concurrency', 200);
  const breaches = option('breaches', 5);
  const dir = mkdtempSync(join(tmpdir(), 'gotrs-bench-'));
  // Should this process die without cleaning up (Ctrl-C twice, a crash), the reaper stops the servers.
  const reaper = Reaper.start();
  const cleanups: Array<() => Promise<unknown> | void> = [() => rmSync(dir, { recursive: true, force: true }), () => reaper.close()];
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0)) await Promise.resolve(cleanup()).catch(() => undefined);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().then(() => process.exit(130)));
  try {
    const temporal = await startTemporalDevServer({
      cliPath: await resolveTemporalCli(), port: await freePort(), onSpawn: (child) => void reaper.watchGroup(child.pid),
    });
    cleanups.unshift(() => temporal.stop());
    const pgDir = mkdtempSync(join(tmpdir(), 'gotrs-bench-pg-')); // initdb chowns it to the postgres user
    cleanups.push(() => rmSync(pgDir, { recursive: true, force: true }));
    const postgres = await startLocalPostgres({ dataDir: pgDir, port: await freePort(), database: 'gotrs', ephemeral: true });
    cleanups.unshift(() => postgres.stop());
    await reaper.runOnExit('postgres', postgres.stopCommand);
    await runMigrations(postgres.databaseUrl);
    const sink = await startSmtpSink();
    sink.parse = false;
    cleanups.unshift(() => sink.close());
    const { child: worker, died } = startWorker({
      ...process.env, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_TASK_QUEUE: TASK_QUEUE, DATABASE_URL: postgres.databaseUrl,
      SMTP_HOST: sink.host, SMTP_PORT: String(sink.port), SLA_CONFIG_FILE: benchSlaConfig(dir), LOG_LEVEL: 'warn',
      WORKER_METRICS_PORT: '0',
    });
    void reaper.watchGroup(worker.pid!);
    cleanups.unshift(() => new Promise((done) => (worker.exitCode !== null ? done(null) : (worker.once('exit', done), worker.kill('SIGTERM')))));
    const connection = await Connection.connect({ address: temporal.address });
    cleanups.unshift(() => connection.close());
    const client = new Client({ connection });

    say(`warming up (the worker bundles its workflows first)...`);
    await Promise.race([throughput(client, sink, 20, 20), died]);

    const single: number[] = [];
    for (let i = 0; i < 20; i += 1) single.push((await Promise.race([throughput(client, sink, 1, 1), died])).latencies[0]!);
    single.sort((a, b) => a - b);
    say(`one at a time (20): start -> email in the sink p50 ${percentile(single, 50)} ms, max ${single.at(-1)} ms`);

    say(`sending ${count} notifications (${concurrency} starts in flight) through NotificationWorkflow to the SMTP sink...`);
    const run = await Promise.race([throughput(client, sink, count, concurrency), died]);
    say(`  ${run.copies} emails in ${run.seconds.toFixed(2)} s: ${(run.copies / run.seconds).toFixed(1)} emails/s`);
    say(`  start -> email in the sink: p50 ${percentile(run.latencies, 50)} ms, p99 ${percentile(run.latencies, 99)} ms, max ${run.latencies.at(-1)} ms`);

    say(`${breaches} SLA breaches (FirstResponse, 24x7, targets 2-3 s): breach due time -> managers' email in the sink...`);
    try {
      const { dueToEmail, recordedToEmail } = await Promise.race([breachToEmail(client, sink, breaches, postgres.databaseUrl), died]);
      say(`  due -> email: p50 ${percentile(dueToEmail, 50)} ms, max ${dueToEmail.at(-1)} ms (${dueToEmail.join(', ')} ms)`);
      if (recordedToEmail.length) {
        say(`  of which breach recorded -> email: p50 ${percentile(recordedToEmail, 50)} ms, max ${recordedToEmail.at(-1)} ms`);
      }
    } catch (error) {
      say(`  not measured: ${(error as Error).message}`);
    }
  } finally {
    await cleanUp();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
