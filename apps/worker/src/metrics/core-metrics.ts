import { createServer } from 'node:net';
import type { RuntimeOptions } from '@temporalio/worker';

type MetricsOptions = NonNullable<NonNullable<RuntimeOptions['telemetryOptions']>['metrics']>;

/** How long /metrics waits for the SDK's exporter before answering with our figures only. */
const CORE_FETCH_TIMEOUT_MS = 2_000;

/**
 * A free loopback address for the SDK's own Prometheus exporter. It serves only `/metrics` on a port
 * of its own; the worker's metrics server (WORKER_METRICS_PORT) reads it there and serves it together
 * with the gotrs_* metrics and /healthz, so operators scrape one endpoint.
 */
export async function reserveLoopbackAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `127.0.0.1:${port}`;
}

/**
 * `telemetryOptions.metrics` for `Runtime.install`: the SDK's Prometheus exporter on `bindAddress`,
 * named the Prometheus way (seconds, `_seconds` and `_total` suffixes, prefix `temporal_`).
 */
export function coreMetricsOptions(bindAddress: string): MetricsOptions {
  return {
    metricPrefix: 'temporal_',
    prometheus: { bindAddress, useSecondsForDurations: true, unitSuffix: true, countersTotalSuffix: true },
  };
}

/** The SDK exporter's current text (Prometheus exposition format). */
export async function fetchCoreMetrics(bindAddress: string): Promise<string> {
  const response = await fetch(`http://${bindAddress}/metrics`, { signal: AbortSignal.timeout(CORE_FETCH_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`the Temporal SDK's exporter answered ${response.status}`);
  return response.text();
}
