// First: tracing patches pg, http and fastify as they load.
import './tracing/register';
import { loadConfig, requireTokenVerification } from '@gotrs/config';
import { createPool } from '@gotrs/db';
import { activeTracing, traceLogFields } from '@gotrs/tracing';
import pino from 'pino';
import { collectDefaultMetrics } from 'prom-client';
import { buildApp } from './app';
import { closeGracefully } from './lifecycle/close-gracefully';
import { serveMetricsOnPort } from './metrics/metrics-server';
import { createTemporalClient } from './temporal/create-client';
import { apiLogBase } from './tracing/service';

/** Wiring only: config, PostgreSQL pool, Temporal client, the app; a bounded graceful close on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  requireTokenVerification(config.auth);
  const logger = pino({ level: config.log.level, base: apiLogBase(config.tracing), mixin: traceLogFields });
  const pool = createPool(config.database, (error) => logger.warn({ err: error }, 'idle PostgreSQL connection failed'));
  const temporalClient = createTemporalClient(config.temporal);
  const app = await buildApp({ config, pool, temporalClient, logger });
  collectDefaultMetrics({ register: app.metrics.registry });
  const ops = config.operations.api;
  const metricsServer = ops.metricsPort === null ? undefined : await serveMetricsOnPort(app.metrics.registry, config.api.host, ops.metricsPort);

  closeGracefully(ops.shutdownTimeoutMs, logger, async () => {
    await app.close().catch((error) => logger.error({ err: error }, 'closing the HTTP server failed'));
    await Promise.allSettled([metricsServer?.close(), pool.end(), temporalClient.connection.close()]);
    await activeTracing()?.shutdown(); // last: the buffered spans, the close's own included
  });

  await app.listen({ host: config.api.host, port: config.api.port });
  logger.info({ temporal: config.temporal.address, taskQueue: config.temporal.taskQueue, metrics: metricsServer?.url ?? '/metrics' }, 'API ready; Swagger UI at /docs');
}

main().catch((error) => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
