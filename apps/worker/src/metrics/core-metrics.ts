import { createServer } from 'node:net';
import type { RuntimeOptions } from '@temporalio/worker';

type MetricsOptions = NonNullable<NonNullable<RuntimeOptions['telemetryOptions']>['metrics']>;

/**
 * Finer buckets than the SDK's (0.1, 0.5, 1, 5 s...) where our alerts need them: schedule-to-start
 * p99 over 200 ms (docs/prometheus/gotrs-alerts.yaml).
 */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60];
const BUCKET_OVERRIDES = {
  workflow_task_schedule_to_start_latency: LATENCY_BUCKETS,
  activity_schedule_to_start_latency: LATENCY_BUCKETS,
  workflow_task_execution_latency: LATENCY_BUCKETS,
  activity_execution_latency: LATENCY_BUCKETS,
};

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
    prometheus: { bindAddress, useSecondsForDurations: true, unitSuffix: true, countersTotalSuffix: true, histogramBucketOverrides: BUCKET_OVERRIDES },
  };
}

/** The SDK exporter's current text (Prometheus exposition format). */
export async function fetchCoreMetrics(bindAddress: string): Promise<string> {
  const response = await fetch(`http://${bindAddress}/metrics`, { signal: AbortSignal.timeout(CORE_FETCH_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`the Temporal SDK's exporter answered ${response.status}`);
  return response.text();
}
