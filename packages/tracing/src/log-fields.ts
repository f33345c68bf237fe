import { isSpanContextValid, trace } from '@opentelemetry/api';

/**
 * pino `mixin`: `trace_id`, `span_id` and `trace_flags` of the span active where a line is written,
 * the keys OpenTelemetry's log correlation uses (and Temporal's interceptors on the SDK's lines).
 * Without an SDK there is no active span, and nothing is added.
 */
export function traceLogFields(): { trace_id?: string; span_id?: string; trace_flags?: string } {
  const context = trace.getActiveSpan()?.spanContext();
  if (!context || !isSpanContextValid(context)) return {};
  return { trace_id: context.traceId, span_id: context.spanId, trace_flags: `0${context.traceFlags.toString(16)}` };
}
