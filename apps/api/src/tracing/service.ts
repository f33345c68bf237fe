import type { TracingSettings } from '@gotrs/config';
import { logBase } from '@gotrs/tracing';

/** The API's service name in traces and logs, unless OTEL_SERVICE_NAME says otherwise. */
export const API_SERVICE = 'gotrs-api';

/** pino's `base` for the API: `service`, `pid`, `hostname`, as the worker's. */
export function apiLogBase(tracing: TracingSettings) {
  return logBase(tracing.serviceName ?? API_SERVICE);
}
