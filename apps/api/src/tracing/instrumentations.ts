import type { IncomingMessage } from 'node:http';
import { FastifyOtelInstrumentation } from '@fastify/otel';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';

/** Requests that only probe the process (health, readiness, metrics) are not traced. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

function pathOf(url: string | undefined): string {
  return (url ?? '').split('?')[0] ?? '';
}

/**
 * The API's own instrumentations besides pg and pino: the HTTP server span (W3C `traceparent` of
 * the caller continues here) and Fastify's request, hook and handler spans. Loaded only when
 * tracing is on.
 */
export function apiInstrumentations(): Instrumentation[] {
  return [
    new HttpInstrumentation({ ignoreIncomingRequestHook: (request: IncomingMessage) => PROBES.has(pathOf(request.url)) }),
    new FastifyOtelInstrumentation({
      registerOnInitialization: true,
      ignorePaths: ({ url }) => PROBES.has(url),
      requestHook: (span, request) => span.setAttribute('gotrs.request_id', request.id),
      // Built on a newer @opentelemetry/instrumentation than ours: the same interface, another copy of its type.
    }),
  ];
}
