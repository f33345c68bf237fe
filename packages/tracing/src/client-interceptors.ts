import type {
  Next,
  WorkflowClientInterceptor,
  WorkflowSignalInput,
  WorkflowSignalWithStartInput,
  WorkflowStartInput,
  WorkflowStartUpdateInput,
  WorkflowStartUpdateWithStartInput,
} from '@temporalio/client';
import { activeTracing } from './active-tracing';
import { withRequestId } from './request-id-header';

/** Puts the current request's ID into the headers of every workflow start, signal and update. */
export class RequestIdClientInterceptor implements WorkflowClientInterceptor {
  constructor(private readonly currentRequestId: () => string | undefined) {}

  start(input: WorkflowStartInput, next: Next<WorkflowClientInterceptor, 'start'>) {
    return next({ ...input, headers: withRequestId(input.headers, this.currentRequestId()) });
  }

  startWithDetails(input: WorkflowStartInput, next: Next<WorkflowClientInterceptor, 'startWithDetails'>) {
    return next({ ...input, headers: withRequestId(input.headers, this.currentRequestId()) });
  }

  signal(input: WorkflowSignalInput, next: Next<WorkflowClientInterceptor, 'signal'>) {
    return next({ ...input, headers: withRequestId(input.headers, this.currentRequestId()) });
  }

  signalWithStart(input: WorkflowSignalWithStartInput, next: Next<WorkflowClientInterceptor, 'signalWithStart'>) {
    return next({ ...input, headers: withRequestId(input.headers, this.currentRequestId()) });
  }

  startUpdate(input: WorkflowStartUpdateInput, next: Next<WorkflowClientInterceptor, 'startUpdate'>) {
    return next({ ...input, headers: withRequestId(input.headers, this.currentRequestId()) });
  }

  startUpdateWithStart(input: WorkflowStartUpdateWithStartInput, next: Next<WorkflowClientInterceptor, 'startUpdateWithStart'>) {
    const requestId = this.currentRequestId();
    return next({
      ...input,
      workflowStartHeaders: withRequestId(input.workflowStartHeaders, requestId),
      updateHeaders: withRequestId(input.updateHeaders, requestId),
    });
  }
}

/**
 * The workflow client interceptors of a Temporal client of ours: the request ID always; with
 * tracing on, first the OpenTelemetry one (a span per call, its context in the headers).
 */
export function workflowClientInterceptors(currentRequestId: () => string | undefined): WorkflowClientInterceptor[] {
  const requestId = new RequestIdClientInterceptor(currentRequestId);
  if (!activeTracing()) return [requestId];
  // Loaded only when tracing is on, so that a process without it never loads the OpenTelemetry SDK.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { OpenTelemetryWorkflowClientInterceptor } = require('@temporalio/interceptors-opentelemetry/lib/client') as typeof import('@temporalio/interceptors-opentelemetry/lib/client');
  return [new OpenTelemetryWorkflowClientInterceptor(), requestId];
}
