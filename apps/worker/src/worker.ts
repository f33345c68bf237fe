// First: tracing patches pg as it loads.
import './tracing/register';
import { describeTemporalConnection, loadConfig, temporalConnectionOptions } from '@gotrs/config';
import { createPool } from '@gotrs/db';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type LogLevel } from '@temporalio/worker';
import pino from 'pino';
import { createWorker } from './create-worker';
import { activityLogFields } from './tracing/activity-context';
import { workerLogBase } from './tracing/service';

const TEMPORAL_LEVELS: Record<string, LogLevel> = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' };

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.log.level, base: workerLogBase(config.tracing), mixin: activityLogFields });
  Runtime.install({
    logger: new DefaultLogger(TEMPORAL_LEVELS[config.log.level] ?? 'WARN', ({ level, message, meta }) => {
      const method = level === 'TRACE' ? 'trace' : level === 'DEBUG' ? 'debug' : level === 'WARN' ? 'warn' : level === 'ERROR' ? 'error' : 'info';
      const { error, ...rest } = meta ?? {};
      logger[method](error ? { ...rest, err: error } : rest, message);
    }),
    shutdownSignals: [],
  });
  const pool = createPool(config.database, (err) => logger.warn({ err }, 'idle PostgreSQL connection lost'));
  const temporalOptions = temporalConnectionOptions(config.temporal);
  const connection = await NativeConnection.connect(temporalOptions);
  // The notifier starts notification workflows through a client of its own.
  const clientConnection = await Connection.connect(temporalOptions);
  const client = new Client({ connection: clientConnection, namespace: config.temporal.namespace });
  const worker = await createWorker({ config, connection, pool, logger, client });
  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping worker');
    worker.shutdown();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  logger.info(
    { taskQueue: config.temporal.taskQueue, address: config.temporal.address, connection: describeTemporalConnection(config.temporal) },
    'worker started',
  );
  try {
    await worker.run();
  } finally {
    await connection.close();
    await clientConnection.close();
    await pool.end();
    logger.info('worker stopped');
  }
}

main().catch((error) => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
