import { defaultGrpcRetryOptions, makeGrpcRetryInterceptor, type ConnectionOptions } from '@temporalio/client';

type Interceptor = NonNullable<ConnectionOptions['interceptors']>[number];

/** Retries must be scheduled this long before the deadline, or not at all. */
const MARGIN_MS = 50;

function deadlineMs(deadline: unknown): number | undefined {
  if (deadline instanceof Date) return deadline.getTime();
  return typeof deadline === 'number' && Number.isFinite(deadline) ? deadline : undefined;
}

/**
 * The SDK's gRPC retry (UNAVAILABLE and friends, exponential back-off up to 5 s), except that a call
 * with a deadline never sleeps past it: otherwise a call made while Temporal is down would answer
 * seconds after its deadline, and a retry timer could outlive the request and fire on a closed channel.
 */
export function deadlineAwareRetryInterceptor(): Interceptor {
  const defaults = defaultGrpcRetryOptions();
  const unbounded = makeGrpcRetryInterceptor(defaults);
  return (options, nextCall) => {
    const deadline = deadlineMs(options.deadline);
    if (deadline === undefined) return unbounded(options, nextCall);
    const bounded = makeGrpcRetryInterceptor({
      delayFunction: (attempt, status) => Math.min(defaults.delayFunction(attempt, status), Math.max(deadline - Date.now() - MARGIN_MS, 0)),
      retryableDecider: (attempt, status) => deadline - Date.now() > MARGIN_MS && defaults.retryableDecider(attempt, status),
    });
    return bounded(options, nextCall);
  };
}
