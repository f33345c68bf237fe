import { ConfigError, loadTracingSettings } from '@gotrs/config';
import { startTracing } from '@gotrs/tracing';
import { API_SERVICE } from './service';

/**
 * Imported first by server.ts: starts tracing (when OTEL_EXPORTER_OTLP_ENDPOINT is set) before pg,
 * http and fastify are loaded, so that their instrumentations can patch them.
 */
try {
  startTracing(loadTracingSettings(), {
    service: API_SERVICE,
    // Loaded only when tracing is on, so that a process without it never loads the OpenTelemetry SDK.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    instrumentations: () => (require('./instrumentations') as typeof import('./instrumentations')).apiInstrumentations(),
  });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  // eslint-disable-next-line no-console
  console.error(`${error.name}: ${error.message}`);
  process.exit(1);
}
