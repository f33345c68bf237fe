import { REQUEST_ID_HEADER, isRequestId } from '@gotrs/contracts';
import type { Headers } from '@temporalio/common';
import { defaultPayloadConverter, type WorkflowInterceptors } from '@temporalio/workflow';

function requestIdIn(headers: Headers): string | undefined {
  const payload = headers[REQUEST_ID_HEADER];
  if (!payload) return undefined;
  try {
    const value: unknown = defaultPayloadConverter.fromPayload(payload);
    return isRequestId(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Workflow interceptors (bundled with the workflows): the request ID that started the run, or that
 * came with its latest signal or update, is on the run's log lines and goes on in the headers of
 * what it schedules (activities, children, signals, its continue-as-new), so activities log it too.
 * The start's is read as the first activation arrives, so the SDK's "Workflow started" line has it.
 * Headers are not part of a command's identity: replay is unaffected.
 */
export const interceptors = (): WorkflowInterceptors => {
  let requestId: string | undefined;
  const take = (headers: Headers) => {
    requestId = requestIdIn(headers) ?? requestId;
  };
  const pass = <T extends { readonly headers: Headers }>(input: T): T =>
    requestId === undefined ? input : { ...input, headers: { ...input.headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(requestId) } };
  return {
    internals: [
      {
        activate: (input, next) => {
          const start = input.activation.jobs?.find((job) => job.initializeWorkflow)?.initializeWorkflow;
          if (start?.headers) take(start.headers);
          return next(input);
        },
      },
    ],
    inbound: [
      {
        execute: (input, next) => (take(input.headers), next(input)),
        handleSignal: (input, next) => (take(input.headers), next(input)),
        handleUpdate: (input, next) => (take(input.headers), next(input)),
      },
    ],
    outbound: [
      {
        scheduleActivity: (input, next) => next(pass(input)),
        scheduleLocalActivity: (input, next) => next(pass(input)),
        startChildWorkflowExecution: (input, next) => next(pass(input)),
        signalWorkflow: (input, next) => next(pass(input)),
        continueAsNew: (input, next) => next(pass(input)),
        getLogAttributes: (input, next) => next(requestId === undefined ? input : { requestId, ...input }),
      },
    ],
  };
};
