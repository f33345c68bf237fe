/**
 * Benchmark (not a test): what an open ticket costs. Opens N tickets through the gateway (each a
 * running TicketLifecycleWorkflow and SLAEnforcementWorkflow that stay open) on a stack of its own,
 * sampling the worker's memory, then prints the worker's RSS, Temporal's database bytes and the
 * product's rows and bytes per ticket, and whether any workflow task failed.
 *
 *   npm run bench:open-tickets -- [--count 10000] [--server dev|full] [--concurrency 16] [--customer]
 *
 * --customer: every ticket names a customer (who gets a notice: one NotificationWorkflow each, closed).
 */
import type { BenchStack } from './bench-stack';
import { startBenchStack } from './bench-stack';
import { choiceOption, flag, numberOption, runInParallel, say, setOptions, table } from './figures';
import { productDbBytes, productRows, rowsPerTicket, temporalDbBytes } from './footprint';
import { describeLoad } from './machine';
import { CUSTOMER } from './open-loop';
import { drainNotifications, drainTickets, gatewayRequest } from './ticket-work';
import { failedWorkflowTasks } from './worker-probe';

const MiB = 1024 * 1024;
const PROGRESS_EVERY = 1000;
const WARM_UP = 50;

interface Reading {
  workerRssMiB: number;
  temporalBytes: number;
  productBytes: number;
  rows: Record<string, number>;
}

async function read(bench: BenchStack): Promise<Reading> {
  const [temporalBytes, productBytes, rows] = await Promise.all([temporalDbBytes(bench), productDbBytes(bench), productRows(bench)]);
  return { workerRssMiB: bench.workerRssMiB(), temporalBytes, productBytes, rows };
}

/** Opens `count` tickets, `concurrency` in flight; returns their IDs and the worker's peak RSS seen meanwhile. */
async function openTickets(bench: BenchStack, count: number, concurrency: number, customer: boolean): Promise<{ ids: string[]; peakRssMiB: number; statuses: Record<string, number> }> {
  const ids: string[] = [];
  const statuses: Record<string, number> = {};
  let peakRssMiB = bench.workerRssMiB();
  const sampler = setInterval(() => (peakRssMiB = Math.max(peakRssMiB, bench.workerRssMiB())), 1_000);
  const startedAt = Date.now();
  try {
    await runInParallel(Array.from({ length: count }, (_, i) => i), concurrency, async (i) => {
      const body = { title: `open ticket ${i}`, ...(customer ? { customerUserId: CUSTOMER } : {}) };
      const answer = await gatewayRequest(bench, 'POST', '/api/v1/tickets', body);
      statuses[String(answer.status)] = (statuses[String(answer.status)] ?? 0) + 1;
      if (answer.id) ids.push(answer.id);
      if ((i + 1) % PROGRESS_EVERY === 0) {
        say(`  ${i + 1} sent in ${Math.round((Date.now() - startedAt) / 1000)} s; worker ${bench.workerRssMiB().toFixed(0)} MiB; ${describeLoad()}`);
      }
    });
    await drainTickets(bench, ids, 1_800_000);
    if (customer) await drainNotifications(bench, 1_800_000);
  } finally {
    clearInterval(sampler);
  }
  return { ids, peakRssMiB: Math.max(peakRssMiB, bench.workerRssMiB()), statuses };
}

async function main(): Promise<void> {
  const server = choiceOption('server', ['dev', 'full'] as const, 'dev');
  const count = numberOption('count', 10_000);
  const concurrency = numberOption('concurrency', 16);
  const customer = flag('customer');
  say(`bench:open-tickets: ${count} tickets on the ${server === 'full' ? 'full Temporal Server (PostgreSQL)' : 'Temporal dev server (SQLite)'}; ${describeLoad()}`);
  const settings = setOptions();
  for (const [path, value] of settings) say(`  config: ${path.join('.')} = ${String(value)}`);
  const bench = await startBenchStack({ temporal: server, logLevel: 'warn', settings });
  const stop = () => void bench.close().then(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    // The first tickets grow the worker for reasons that are not per ticket (bundle, JIT, pools).
    say(`  warming up with ${WARM_UP} tickets (counted in "before")...`);
    await openTickets(bench, WARM_UP, concurrency, customer);
    const before = await read(bench);
    const startedAt = Date.now();
    const { ids, peakRssMiB, statuses } = await openTickets(bench, count, concurrency, customer);
    const seconds = (Date.now() - startedAt) / 1000;
    const after = await read(bench);
    const failed = await failedWorkflowTasks(bench.stack.workerMetricsUrl);
    const open = ids.length;
    say(`\n${open} tickets open (${Object.entries(statuses).map(([s, n]) => `${s}: ${n}`).join(', ')}) in ${seconds.toFixed(0)} s, drained; ${2 * open} open workflows`);
    table([
      ['figure', 'before', 'after', 'per ticket'],
      ['worker RSS (MiB)', before.workerRssMiB.toFixed(0), `${after.workerRssMiB.toFixed(0)} (peak ${peakRssMiB.toFixed(0)})`, `${(((after.workerRssMiB - before.workerRssMiB) * MiB) / open / 1024).toFixed(1)} KiB`],
      ["Temporal's database (MiB)", (before.temporalBytes / MiB).toFixed(1), (after.temporalBytes / MiB).toFixed(1), `${((after.temporalBytes - before.temporalBytes) / open / 1024).toFixed(1)} KiB`],
      ["the product's database (MiB)", (before.productBytes / MiB).toFixed(1), (after.productBytes / MiB).toFixed(1), `${((after.productBytes - before.productBytes) / open / 1024).toFixed(1)} KiB`],
    ]).forEach((line) => say(`  ${line}`));
    say(`  product rows per ticket: ${rowsPerTicket(before.rows, after.rows, open).map(([t, n]) => `${t} ${n.toFixed(2)}`).join(', ')}`);
    say(`  failed workflow tasks: ${failed}; ${describeLoad()}`);
  } finally {
    await bench.close();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
