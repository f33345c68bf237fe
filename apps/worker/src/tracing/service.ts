import type { TracingSettings } from '@gotrs/config';
import { logBase } from '@gotrs/tracing';

/** The worker's service name in traces and logs, unless OTEL_SERVICE_NAME says otherwise. */
export const WORKER_SERVICE = 'gotrs-worker';

/** pino's `base` for the worker: `service`, `pid`, `hostname`, as the API's. */
export function workerLogBase(tracing: TracingSettings) {
  return logBase(tracing.serviceName ?? WORKER_SERVICE);
}
