/**
 * Benchmark (not a test): the delay from a change to its webhook, on a stack of its own (Temporal dev
 * server, throwaway PostgreSQL, the built worker as a process, a receiver in this process). Each
 * change is an event committed to the event log (as every ticket, SLA or escalation write commits
 * one); its delay is from that commit (`events.created_at`) to the receiver having the request.
 * Prints p50/p99 and stops everything.
 *
 *   npm run bench:webhooks -- [--count 200] [--gap-ms 50] [--subscriptions 1]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WEBHOOK_DISPATCH_WORKFLOW, webhookDispatchWorkflowId } from '@gotrs/contracts';
import { appendEvents, createPool, createWebhookSubscription, inTransaction, runMigrations } from '@gotrs/db';
import { Reaper, freePort, resolveTemporalCli, startLocalPostgres, startTemporalDevServer } from '@gotrs/devstack';
import { Client, Connection } from '@temporalio/client';

const REPO = resolve(__dirname, '..', '..', '..');
const TASK_QUEUE = 'bench-webhooks';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer`);
  return value;
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

function startWorker(env: NodeJS.ProcessEnv): { child: ChildProcess; died: Promise<never> } {
  const child = spawn(process.execPath, [join(REPO, 'apps/worker/dist/worker.js')], { env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(`[worker] ${chunk.toString()}`));
  const died = new Promise<never>((_, reject) => child.once('exit', (code, signal) => reject(new Error(`the worker exited (${code ?? signal})`))));
  died.catch(() => undefined);
  return { child, died };
}

async function main(): Promise<void> {
  const count = option('count', 200);
  const gapMs = option('gap-ms', 50);
  const subscriptions = Math.max(1, option('subscriptions', 1));
  const reaper = Reaper.start();
  const cleanups: Array<() => Promise<unknown> | void> = [() => reaper.close()];
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0)) await Promise.resolve(cleanup()).catch(() => undefined);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().then(() => process.exit(130)));
  try {
    const temporal = await startTemporalDevServer({ cliPath: await resolveTemporalCli(), port: await freePort(), onSpawn: (child) => void reaper.watchGroup(child.pid) });
    cleanups.unshift(() => temporal.stop());
    const pgDir = mkdtempSync(join(tmpdir(), 'gotrs-bench-pg-'));
    cleanups.push(() => rmSync(pgDir, { recursive: true, force: true }));
    const postgres = await startLocalPostgres({ dataDir: pgDir, port: await freePort(), database: 'gotrs', ephemeral: true });
    cleanups.unshift(() => postgres.stop());
    await reaper.runOnExit('postgres', postgres.stopCommand);
    await runMigrations(postgres.databaseUrl);
    const pool = createPool({ url: postgres.databaseUrl, poolSize: 4, connectTimeoutMs: 2000, statementTimeoutMs: 10_000 });
    cleanups.unshift(() => pool.end());

    const received = new Map<string, number>();
    const receiver = createServer((req, res) => {
      const at = Date.now();
      const id = String(req.headers['webhook-id']);
      req.resume().on('end', () => {
        if (!received.has(`${req.url}|${id}`)) received.set(`${req.url}|${id}`, at);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    cleanups.unshift(() => new Promise((done) => receiver.close(done)));
    const port = (receiver.address() as AddressInfo).port;

    const { child: worker, died } = startWorker({
      ...process.env, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_TASK_QUEUE: TASK_QUEUE, DATABASE_URL: postgres.databaseUrl,
      LOG_LEVEL: 'warn', WORKER_METRICS_PORT: '0', WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true',
    });
    void reaper.watchGroup(worker.pid!);
    cleanups.unshift(() => new Promise((done) => (worker.exitCode !== null ? done(null) : (worker.once('exit', done), worker.kill('SIGTERM')))));
    const connection = await Connection.connect({ address: temporal.address });
    cleanups.unshift(() => connection.close());
    const client = new Client({ connection });

    const subs: string[] = [];
    for (let i = 0; i < subscriptions; i++) {
      const id = randomUUID();
      await createWebhookSubscription(pool, { id, url: `http://127.0.0.1:${port}/s${i}`, events: ['ticket.created'], description: null, secret: 'plain:whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', createdBy: 'bench' }, 10_000);
      await client.workflow.start(WEBHOOK_DISPATCH_WORKFLOW, { workflowId: webhookDispatchWorkflowId(id), taskQueue: TASK_QUEUE, args: [{ subscriptionId: id }] });
      subs.push(`/s${i}`);
    }

    const commit = async () => {
      const key = randomUUID();
      return inTransaction(pool, async (tx) => {
        await appendEvents(tx, [{ key: `bench:${key}`, type: 'ticket.created', ticketId: null, at: new Date(), data: { ticket: { id: key } } }]);
        const { rows } = await tx.query<{ id: string }>('SELECT id::text FROM events WHERE event_key = $1', [`bench:${key}`]);
        return rows[0]!.id;
      });
    };
    const wait = async (keys: string[]) => {
      const deadline = Date.now() + 120_000;
      while (keys.some((k) => !received.has(k))) {
        if (Date.now() > deadline) throw new Error('deliveries missing after 120 s');
        await Promise.race([pause(20), died]);
      }
    };

    say('warming up (the worker bundles its workflows first)...');
    const warm = await commit();
    await wait(subs.map((s) => `${s}|evt_${warm}`));

    say(`${count} changes, one every ${gapMs} ms, to ${subscriptions} subscription(s): commit -> webhook at the receiver...`);
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      ids.push(await commit());
      if (gapMs > 0) await pause(gapMs);
    }
    await wait(ids.flatMap((id) => subs.map((s) => `${s}|evt_${id}`)));
    const { rows } = await pool.query<{ id: string; created_at: Date }>('SELECT id::text, created_at FROM events WHERE id = ANY($1::bigint[])', [ids]);
    const committed = new Map(rows.map((r) => [r.id, r.created_at.getTime()]));
    const delays = ids.flatMap((id) => subs.map((s) => received.get(`${s}|evt_${id}`)! - committed.get(id)!)).sort((a, b) => a - b);
    say(`  ${delays.length} deliveries: p50 ${percentile(delays, 50)} ms, p99 ${percentile(delays, 99)} ms, max ${delays.at(-1)} ms`);
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
