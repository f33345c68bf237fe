import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
  /** Pause between probes (default 100 ms). */
  intervalMs?: number;
  /** What is awaited, for the timeout message. */
  description?: string;
  /** Stops waiting early (Ctrl-C, a child that died). */
  signal?: AbortSignal;
}

/** Raised by {@link waitFor} when the probe never succeeded in time. */
export class WaitTimeoutError extends Error {
  override name = 'WaitTimeoutError';
}

/** Thrown by a probe to stop {@link waitFor} at once (the awaited thing can no longer happen). */
export class GiveUpError extends Error {
  override name = 'GiveUpError';
}

/**
 * Calls `probe` until it returns something other than `undefined`/`false`/`null` and returns that value.
 * A probe that throws counts as "not yet" (the last error is quoted in the timeout message), except
 * for a {@link GiveUpError}, which ends the wait at once.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  options: WaitOptions = {},
): Promise<T> {
  const { timeoutMs = 30_000, intervalMs = 100, description = 'condition', signal } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    signal?.throwIfAborted();
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      if (error instanceof GiveUpError) throw error;
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new WaitTimeoutError(`timed out after ${timeoutMs} ms waiting for ${description}${reason}`);
    }
    await sleep(intervalMs, undefined, signal ? { signal } : undefined);
  }
}
