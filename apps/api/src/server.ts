// First: tracing patches pg, http and fastify as they load.
import './tracing/register';
import { loadConfig, requireTokenVerification } from '@gotrs/config';
import { createPool } from '@gotrs/db';
import { traceLogFields } from '@gotrs/tracing';
import pino from 'pino';
import { buildApp } from './app';
import { createTemporalClient } from './temporal/create-client';
import { apiLogBase } from './tracing/service';

/** Wiring only: config, PostgreSQL pool, Temporal client, the app; everything closed on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  requireTokenVerification(config.auth);
  const logger = pino({ level: config.log.level, base: apiLogBase(config.tracing), mixin: traceLogFields });
  const pool = createPool(config.database, (error) => logger.warn({ err: error }, 'idle PostgreSQL connection failed'));
  const temporalClient = createTemporalClient(config.temporal);
  const app = await buildApp({ config, pool, temporalClient, logger });

  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    await app.close().catch((error) => logger.error({ err: error }, 'closing the HTTP server failed'));
    await Promise.allSettled([pool.end(), temporalClient.connection.close()]);
    logger.info('stopped');
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));

  await app.listen({ host: config.api.host, port: config.api.port });
  logger.info({ temporal: config.temporal.address, taskQueue: config.temporal.taskQueue }, 'API ready; Swagger UI at /docs');
}

main().catch((error) => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
