import { ConfigError, loadTracingSettings } from '@gotrs/config';
import { startTracing } from '@gotrs/tracing';
import { WORKER_SERVICE } from './service';

/**
 * Imported first by worker.ts: starts tracing (when OTEL_EXPORTER_OTLP_ENDPOINT is set) before pg is
 * loaded, so that its instrumentation can patch it.
 */
try {
  startTracing(loadTracingSettings(), { service: WORKER_SERVICE });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  // eslint-disable-next-line no-console
  console.error(`${error.name}: ${error.message}`);
  process.exit(1);
}
