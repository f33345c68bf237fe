/**
 * Benchmark (not a test): throughput and cost per ticket, side by side in one run, on a stack of its
 * own (Temporal `dev` or `full`, the product's PostgreSQL, the worker and the API as processes, an
 * SMTP sink in this process). Prints, each phase drained before the next:
 *   1. bare workflow starts/s (the server's ceiling), the gateway's create done with
 *      @temporalio/client, and POST /api/v1/tickets: tickets with their row and SLA per second;
 *   2. open-loop mixed traffic (25% create with a customer, 20% assign, 35% GET, 20% list) at fixed
 *      offered rates: p50/p99 per kind and the share of 201/202/503;
 *   3. the history events one created ticket makes (lifecycle + SLA);
 *   4. CPU seconds per 1,000 tickets of each process (/proc).
 *
 *   npm run bench:api -- [--server dev|full] [--count 300] [--concurrency 16] [--rates 8,16,32]
 *                        [--seconds 30] [--wait-quiet 0] [--skip-open] [--set dotted.path=value]...
 *
 * --set: a setting of config/temporal.yaml changed for this run (repeatable), e.g. the worker's slots.
 *
 * --wait-quiet N: wait up to N seconds for the 1-minute load average to fall below 1.0 first (the
 * machine is shared); the load is printed with every phase either way.
 */
import { availableParallelism } from 'node:os';
import { printCpu, printHistory, printOpenLoop, printThroughput } from './api-report';
import { BENCH_RATE_LIMIT, startBenchStack, type BenchStack } from './bench-stack';
import { barePhase, clientPhase, gatewayPhase, type PhaseResult } from './closed-phases';
import { choiceOption, flag, listOption, numberOption, say, setOptions } from './figures';
import { historyFigures } from './history-events';
import { describeLoad, waitForQuiet } from './machine';
import { CUSTOMER, openLoop, type OpenLoopResult } from './open-loop';
import { drainNotifications, drainTickets, gatewayRequest } from './ticket-work';
import { failedWorkflowTasks } from './worker-probe';

const QUIET_LOAD = 1.0;

async function warmUp(bench: BenchStack): Promise<void> {
  // The worker bundles its workflows on start and each code path compiles on first use.
  const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => gatewayRequest(bench, 'POST', '/api/v1/tickets', { title: `warm-up ${i}`, customerUserId: CUSTOMER })));
  await drainTickets(bench, answers.flatMap((a) => (a.id ? [a.id] : [])));
  await drainNotifications(bench);
}

async function closedPhases(bench: BenchStack, count: number, concurrency: number): Promise<PhaseResult[]> {
  const options = { count, concurrency };
  const phases: PhaseResult[] = [];
  for (const phase of [barePhase, clientPhase, gatewayPhase]) {
    say(`  ${describeLoad()}: running ${phase.name.replace(/Phase$/, '')} (${count}, ${concurrency} in flight)...`);
    phases.push(await phase(bench, options));
  }
  return phases;
}

async function openPhases(bench: BenchStack, rates: number[], seconds: number, tickets: string[]): Promise<OpenLoopResult[]> {
  const results: OpenLoopResult[] = [];
  for (const rate of rates) {
    say(`  ${describeLoad()}: offering ${rate} req/s for ${seconds} s...`);
    const result = await openLoop(bench, rate, seconds, tickets);
    await drainTickets(bench, result.created);
    await drainNotifications(bench);
    results.push(result);
  }
  return results;
}

async function main(): Promise<void> {
  const server = choiceOption('server', ['dev', 'full'] as const, 'dev');
  const count = numberOption('count', 300);
  const concurrency = numberOption('concurrency', 16);
  const rates = listOption('rates', [8, 16, 32]);
  const seconds = numberOption('seconds', 30);
  const waitQuiet = flag('wait-quiet') ? numberOption('wait-quiet', 0) : 0;
  const cores = availableParallelism();

  say(`bench:api on the ${server === 'full' ? 'full Temporal Server 1.32.2 (PostgreSQL)' : 'Temporal dev server (SQLite)'}; ${cores} cores; ${describeLoad()}`);
  if (waitQuiet > 0) await waitForQuiet(QUIET_LOAD, waitQuiet * 1000, say);
  const settings = setOptions();
  for (const [path, value] of settings) say(`  config: ${path.join('.')} = ${String(value)}`);
  const bench = await startBenchStack({ temporal: server, logLevel: 'warn', settings });
  const stop = () => void bench.close().then(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    say(`stack up (rate limit per caller raised to ${BENCH_RATE_LIMIT}/min: the benchmark is one caller); warming up...`);
    await warmUp(bench);

    say(`\n1. Throughput, ${count} each, ${concurrency} in flight, drained (row + SLA written, no notification running):`);
    const phases = await closedPhases(bench, count, concurrency);
    printThroughput(phases);

    let openResults: OpenLoopResult[] = [];
    if (!flag('skip-open')) {
      say(`\n2. Open-loop mixed traffic (25% create with customer, 20% assign, 35% GET, 20% list), ${seconds} s per rate:`);
      const tickets = [...phases[2]!.ids];
      openResults = await openPhases(bench, rates, seconds, tickets);
      printOpenLoop(openResults);
    }

    say('\n3. History events per created ticket (one at a time, drained):');
    printHistory(await historyFigures(bench, CUSTOMER));

    say(`\n4. CPU per 1,000 tickets (process trees from /proc, phase and its drain):`);
    printCpu(phases, cores);
    if (server === 'dev') say("  (the dev server keeps its SQLite database inside its own process: its row is the server and its database)");

    const failed = await failedWorkflowTasks(bench.stack.workerMetricsUrl);
    say(`\nworker: ${bench.workerRssMiB().toFixed(0)} MiB RSS at the end, ${failed} failed workflow tasks; ${describeLoad()}`);
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
