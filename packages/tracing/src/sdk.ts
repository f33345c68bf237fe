import { hostname } from 'node:os';
import type { OtlpProtocol } from '@gotrs/config';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations, type Instrumentation } from '@opentelemetry/instrumentation';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { ActiveTracing } from './active-tracing';

export interface SdkOptions {
  url: string;
  protocol: OtlpProtocol;
  serviceName: string;
  instrumentations: Instrumentation[];
}

/**
 * The tracer provider with a batching OTLP/HTTP exporter, registered globally (AsyncLocalStorage
 * context, W3C trace context), and the instrumentations enabled. Spans still buffered when the
 * event loop empties are exported before the process exits.
 */
export function startSdk(options: SdkOptions): ActiveTracing {
  const resource = new Resource({ [ATTR_SERVICE_NAME]: options.serviceName, 'host.name': hostname(), 'process.pid': process.pid });
  const exporter = options.protocol === 'http/json' ? new JsonTraceExporter({ url: options.url }) : new ProtobufTraceExporter({ url: options.url });
  const spanProcessor = new BatchSpanProcessor(exporter);
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  const disableInstrumentations = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      // Queries outside a traced request or activity (pool checks, migrations) make no spans of their own.
      new PgInstrumentation({ requireParentSpan: true }),
      ...options.instrumentations,
    ],
  });
  let stopped: Promise<void> | undefined;
  const shutdown = () => {
    stopped ??= (async () => {
      disableInstrumentations();
      await provider.shutdown();
    })();
    return stopped;
  };
  // The export timer does not keep the process alive: flush once there is nothing else left to do.
  process.once('beforeExit', () => void shutdown());
  return { serviceName: options.serviceName, resource, spanProcessor, shutdown };
}
