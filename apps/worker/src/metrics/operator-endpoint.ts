import type { OperationsSettings } from '@gotrs/config';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { startMetricsServer } from './metrics-server';
import { WorkerHealth, registerHealthGauge } from './worker-health';
import { createWorkerMetrics, type WorkerMetrics } from './worker-metrics';

export interface OperatorEndpoint {
  metrics: WorkerMetrics;
  health: WorkerHealth;
  close(): Promise<void>;
}

/**
 * The worker's metrics (gotrs_*, process, Node.js, the PostgreSQL pool), its health, and the server
 * on WORKER_METRICS_PORT that serves them with the Temporal SDK's own metrics. Started before the
 * first connection to Temporal, so /healthz answers 503 while the worker is still connecting.
 */
export async function startOperatorEndpoint(options: {
  settings: OperationsSettings['worker'];
  pool: Pool;
  coreMetricsAddress: string;
  /** The configured SLA policies (their series start at 0). */
  policies: string[];
  logger: Logger;
}): Promise<OperatorEndpoint> {
  const { settings, pool, coreMetricsAddress, policies, logger } = options;
  const metrics = createWorkerMetrics({ pool, processMetrics: true, policies });
  const health = new WorkerHealth();
  registerHealthGauge(metrics.registry, health);
  const server = await startMetricsServer({
    host: settings.metricsHost, port: settings.metricsPort, registry: metrics.registry, coreAddress: coreMetricsAddress, health, logger,
  });
  logger.info({ metrics: `${server.url}/metrics`, health: `${server.url}/healthz` }, 'metrics and health served');
  return { metrics, health, close: () => server.close() };
}
