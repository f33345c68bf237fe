import type { TracingSettings } from '@gotrs/config';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { activeTracing, setActiveTracing, type ActiveTracing } from './active-tracing';

export interface StartTracingOptions {
  /** The app's service name; OTEL_SERVICE_NAME (settings.serviceName) wins over it. */
  service: string;
  /** Instrumentations besides pg's; called only when tracing is on. */
  instrumentations?: () => Instrumentation[];
}

/**
 * Starts the OpenTelemetry SDK when the settings say tracing is on: OTLP/HTTP export, the W3C
 * propagator, and the pg instrumentation plus the app's own. Call it before the modules they patch
 * (pg, http, fastify) are loaded. When tracing is off nothing is loaded and null is
 * answered, so it costs nothing.
 */
export function startTracing(settings: TracingSettings, options: StartTracingOptions): ActiveTracing | null {
  if (!settings.enabled || settings.tracesUrl === null) return null;
  if (activeTracing()) return activeTracing();
  // The SDK is required here, not imported above: a process without tracing never loads it.
  // Loaded only when tracing is on, so that a process without it never loads the OpenTelemetry SDK.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startSdk } = require('./sdk') as typeof import('./sdk');
  const tracing = startSdk({
    url: settings.tracesUrl,
    protocol: settings.protocol,
    serviceName: settings.serviceName ?? options.service,
    instrumentations: options.instrumentations?.() ?? [],
  });
  setActiveTracing(tracing);
  return tracing;
}
