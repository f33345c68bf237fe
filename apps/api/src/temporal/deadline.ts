import type { Client } from '@temporalio/client';

/** Raised when a bounded Temporal call is still running at its deadline. */
export class TemporalDeadlineError extends Error {
  override name = 'TemporalDeadlineError';
}

/**
 * Runs `fn` with every Temporal request in it bounded by `deadline` (epoch milliseconds). Requests
 * carry a gRPC deadline and an abort signal; and since the client's retry interceptor may be asleep
 * between two attempts when they fire, a timer settles the call at the deadline regardless.
 */
export async function bounded<T>(client: Client, deadline: number, fn: () => Promise<T>): Promise<T> {
  const remaining = Math.max(deadline - Date.now(), 1);
  const signal = AbortSignal.timeout(remaining);
  const call = client.withDeadline(deadline, () => client.withAbortSignal(signal, fn));
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TemporalDeadlineError(`no answer from Temporal within ${remaining} ms`)), remaining + 25);
  });
  try {
    return await Promise.race([call, expired]);
  } finally {
    clearTimeout(timer);
  }
}
