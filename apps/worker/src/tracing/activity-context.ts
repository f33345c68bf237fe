import { AsyncLocalStorage } from 'node:async_hooks';
import { requestIdOf } from '@gotrs/tracing';
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

/** pino `mixin`: the running activity's `requestId` on every line it writes. */
export function activityLogFields(): { requestId?: string } {
  const requestId = activityRequestId();
  return requestId ? { requestId } : {};
}

class RequestIdActivityInbound implements ActivityInboundCallsInterceptor {
  execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const requestId = requestIdOf(input.headers);
    return requestId ? scope.run({ requestId }, () => next(input)) : next(input);
  }
}

class RequestIdActivityOutbound implements ActivityOutboundCallsInterceptor {
  getLogAttributes(input: GetLogAttributesInput, next: Next<ActivityOutboundCallsInterceptor, 'getLogAttributes'>): Record<string, unknown> {
    const requestId = activityRequestId();
    return next(requestId ? { ...input, requestId } : input);
  }
}

/** Activity interceptors: the request ID the workflow passed on, in the activity's log context. */
export function requestIdActivityInterceptors(): ActivityInterceptors {
  return { inbound: new RequestIdActivityInbound(), outbound: new RequestIdActivityOutbound() };
}
