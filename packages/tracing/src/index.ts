/**
 * OpenTelemetry tracing and request-ID propagation for the API and the worker. This entry point
 * loads no SDK: `startTracing` requires it only when tracing is on.
 */
export { startTracing } from './start-tracing';
export type { StartTracingOptions } from './start-tracing';
export { activeTracing } from './active-tracing';
export type { ActiveTracing } from './active-tracing';
export { workflowClientInterceptors, RequestIdClientInterceptor } from './client-interceptors';
export { withRequestId, requestIdOf } from './request-id-header';
export { clientSpan } from './client-span';
export { logBase } from './log-base';
export { traceLogFields } from './log-fields';
