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
    instrumentations: () => (require('./instrumentations') as typeof import('./instrumentations')).apiInstrumentations(),
  });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  // eslint-disable-next-line no-console
  console.error(`${error.name}: ${error.message}`);
  process.exit(1);
}
