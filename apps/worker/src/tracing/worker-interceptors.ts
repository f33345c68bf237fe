import { activeTracing } from '@gotrs/tracing';
import type { ActivityInterceptorsFactory, WorkerOptions } from '@temporalio/worker';
import { requestIdActivityInterceptors } from './activity-context';

/** What the worker adds to its options for logs that follow a request, and for traces. */
export interface WorkerObservability {
  activityInterceptors: ActivityInterceptorsFactory[];
  /** Modules bundled with the workflows that export `interceptors`. */
  workflowInterceptorModules: string[];
  sinks: WorkerOptions['sinks'];
}

/** The workflow side of the request ID: headers in, log attributes and outgoing headers out. */
export const REQUEST_ID_WORKFLOW_INTERCEPTORS = require.resolve('../workflows/request-id-interceptors');

/**
 * The request ID always; with tracing on also the OpenTelemetry interceptors of
 * `@temporalio/interceptors-opentelemetry` (activity spans, workflow spans through the `exporter`
 * sink into this process's span processor). Off, nothing of OpenTelemetry is loaded.
 */
export function workerObservability(): WorkerObservability {
  const tracing = activeTracing();
  const requestIds: ActivityInterceptorsFactory = () => requestIdActivityInterceptors();
  if (!tracing) return { activityInterceptors: [requestIds], workflowInterceptorModules: [REQUEST_ID_WORKFLOW_INTERCEPTORS], sinks: undefined };
  // Loaded only when tracing is on, so that a process without it never loads the OpenTelemetry SDK.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const otel = require('@temporalio/interceptors-opentelemetry/lib/worker') as typeof import('@temporalio/interceptors-opentelemetry/lib/worker');
  return {
    activityInterceptors: [
      (ctx) => ({ inbound: new otel.OpenTelemetryActivityInboundInterceptor(ctx), outbound: new otel.OpenTelemetryActivityOutboundInterceptor(ctx) }),
      requestIds,
    ],
    workflowInterceptorModules: [require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors'), REQUEST_ID_WORKFLOW_INTERCEPTORS],
    sinks: { exporter: otel.makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
  };
}
