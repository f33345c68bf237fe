import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';

export interface ConnectRetryOptions {
  /** What is being connected to, for the log lines (`Temporal at 127.0.0.1:7233`). */
  target: string;
  /** Give up when a try fails this long after the first began. */
  timeoutMs: number;
  logger: Logger;
  /** Aborted when the process is asked to stop while still connecting. */
  signal: AbortSignal;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/** Raised when the connection did not come up within the bound (the process exits 1). */
export class ConnectTimeoutError extends Error {
  override name = 'ConnectTimeoutError';
}

/**
 * Calls `connect` until it succeeds: a failed try is logged with its number and the wait before the
 * next (0.5 s doubling up to 10 s; the last try comes at `timeoutMs`). Gives up with
 * {@link ConnectTimeoutError} when a try fails past `timeoutMs`, and with the signal's reason when it
 * is aborted.
 */
export async function connectWithRetry<T>(connect: () => Promise<T>, options: ConnectRetryOptions): Promise<T> {
  const { target, timeoutMs, logger, signal, initialDelayMs = 500, maxDelayMs = 10_000 } = options;
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt += 1) {
    signal.throwIfAborted();
    try {
      const connected = await connect();
      if (attempt > 1) logger.info({ attempt }, `connected to ${target}`);
      return connected;
    } catch (error) {
      signal.throwIfAborted();
      const remainingMs = deadline - Date.now();
      const delayMs = Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1), Math.max(remainingMs, 0));
      if (remainingMs <= 0) {
        throw new ConnectTimeoutError(`cannot connect to ${target} within ${timeoutMs} ms (${attempt} tries): ${(error as Error).message}`, { cause: error });
      }
      logger.warn({ attempt, retryInMs: delayMs, err: error }, `cannot connect to ${target} (try ${attempt}); retrying in ${delayMs} ms`);
      await sleep(delayMs, undefined, { signal });
    }
  }
}
