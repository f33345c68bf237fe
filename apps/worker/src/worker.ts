// First: tracing patches pg as it loads.
import './tracing/register';
import { describeTemporalConnection, loadConfig, temporalConnectionOptions } from '@gotrs/config';
import { createPool } from '@gotrs/db';
import { activeTracing } from '@gotrs/tracing';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type LogLevel, type Worker } from '@temporalio/worker';
import pino from 'pino';
import { createWorker } from './create-worker';
import { connectWithRetry } from './lifecycle/connect-with-retry';
import { Closers, exitGracefully } from './lifecycle/graceful-exit';
import { coreMetricsOptions, reserveLoopbackAddress } from './metrics/core-metrics';
import { startOperatorEndpoint } from './metrics/operator-endpoint';
import { activityLogFields } from './tracing/activity-context';
import { workerLogBase } from './tracing/service';

const TEMPORAL_LEVELS: Record<string, LogLevel> = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' };

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.log.level, base: workerLogBase(config.tracing), mixin: activityLogFields });
  const coreMetricsAddress = await reserveLoopbackAddress();
  Runtime.install({
    logger: new DefaultLogger(TEMPORAL_LEVELS[config.log.level] ?? 'WARN', ({ level, message, meta }) => {
      const method = level === 'TRACE' ? 'trace' : level === 'DEBUG' ? 'debug' : level === 'WARN' ? 'warn' : level === 'ERROR' ? 'error' : 'info';
      const { error, ...rest } = meta ?? {};
      logger[method](error ? { ...rest, err: error } : rest, message);
    }),
    shutdownSignals: [],
    telemetryOptions: { metrics: coreMetricsOptions(coreMetricsAddress) },
  });
  const closers = new Closers();
  // Closed last: the spans of the shutdown itself are exported too.
  closers.add('tracing', async () => activeTracing()?.shutdown());
  const stopping = new AbortController();
  const pool = createPool(config.database, (err) => logger.warn({ err }, 'idle PostgreSQL connection lost'));
  closers.add('the PostgreSQL pool', () => pool.end());
  const operator = await startOperatorEndpoint({
    settings: config.operations.worker, pool, coreMetricsAddress, policies: Object.keys(config.sla.policies), logger,
  });
  closers.add('the metrics server', () => operator.close());
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const graceful = exitGracefully(config.operations.worker.shutdownTimeoutMs, logger, async (reason) => {
    logger.info({ reason }, 'stopping worker');
    operator.health.stopping();
    stopping.abort(new Error(`stopped (${reason}) while connecting to Temporal`));
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    const failed = await running?.then(() => undefined, (error: Error) => error);
    await closers.closeAll(logger);
    if (failed && reason.startsWith('SIG')) logger.error({ err: failed }, 'shutdown did not finish in time: the activities still running were abandoned');
    if (failed) throw failed; // the process exits 1
    logger.info('worker stopped');
  });

  try {
    const temporalOptions = temporalConnectionOptions(config.temporal);
    const retry = { target: `Temporal at ${config.temporal.address}`, timeoutMs: config.operations.worker.connectTimeoutMs, logger, signal: stopping.signal };
    const connection = await connectWithRetry(() => NativeConnection.connect(temporalOptions), retry);
    closers.add('the worker connection', () => connection.close());
    // The notifier starts notification workflows through a client of its own.
    const clientConnection = await connectWithRetry(() => Connection.connect(temporalOptions), retry);
    closers.add('the client connection', () => clientConnection.close());
    const client = new Client({ connection: clientConnection, namespace: config.temporal.namespace });
    worker = await createWorker({ config, connection, pool, logger, client, metrics: operator.metrics });
    stopping.signal.throwIfAborted();
    running = worker.run();
    operator.health.started({ worker, client, taskQueue: config.temporal.taskQueue });
  } catch (error) {
    if (stopping.signal.aborted) return; // a signal came while starting: the shutdown above takes it from here
    logger.error({ err: error }, 'the worker cannot start');
    return graceful.exit(error as Error);
  }
  logger.info(
    { taskQueue: config.temporal.taskQueue, address: config.temporal.address, connection: describeTemporalConnection(config.temporal) },
    'worker started',
  );
  // Runs until a signal shuts the worker down, or the worker fails on its own (then the process exits 1).
  running.then(
    () => graceful.exit(),
    (error: Error) => {
      if (stopping.signal.aborted) return; // failed while shutting down: the shutdown reports it
      logger.error({ err: error }, 'the worker failed');
      graceful.exit(error);
    },
  );
}

main().catch((error) => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
