import { AsyncLocalStorage } from 'node:async_hooks';
import { requestIdOf, traceLogFields } from '@gotrs/tracing';
import type {
  ActivityExecuteInput,
  ActivityInboundCallsInterceptor,
  ActivityInterceptors,
  ActivityOutboundCallsInterceptor,
  GetLogAttributesInput,
  Next,
} from '@temporalio/worker';

const scope = new AsyncLocalStorage<{ requestId: string }>();

/** The request ID of the activity running now (from its Temporal headers); undefined outside one. */
export function activityRequestId(): string | undefined {
  return scope.getStore()?.requestId;
}

/** pino `mixin`: the running activity's `requestId`, and the active span's `trace_id`, on every line it writes. */
export function activityLogFields(): Record<string, string> {
  const requestId = activityRequestId();
  return requestId ? { requestId, ...traceLogFields() } : traceLogFields();
}

/**
 * Activity interceptors: the request ID the workflow passed on in the activity's headers, in its
 * log context (the SDK's lines from the moment it runs: not its "Activity started", written before
 * any interceptor sees the headers) and in the scope of its code (pino lines, the notifier's client).
 */
export function requestIdActivityInterceptors(): ActivityInterceptors {
  let requestId: string | undefined;
  const inbound: ActivityInboundCallsInterceptor = {
    execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
      requestId = requestIdOf(input.headers);
      return requestId ? scope.run({ requestId }, () => next(input)) : next(input);
    },
  };
  const outbound: ActivityOutboundCallsInterceptor = {
    getLogAttributes(input: GetLogAttributesInput, next: Next<ActivityOutboundCallsInterceptor, 'getLogAttributes'>): Record<string, unknown> {
      return next(requestId ? { ...input, requestId } : input);
    },
  };
  return { inbound, outbound };
}
