import closeWithGrace from 'close-with-grace';
import type { Logger } from 'pino';

/** Resources closed on the way out, last opened first. */
export class Closers {
  private readonly closers: Array<{ name: string; close: () => Promise<unknown> }> = [];

  add(name: string, close: () => Promise<unknown>): void {
    this.closers.push({ name, close });
  }

  /** Closes each in reverse order; a failure is logged and does not stop the others. */
  async closeAll(logger: Logger): Promise<void> {
    for (const { name, close } of this.closers.splice(0).reverse()) {
      await close().catch((error: Error) => logger.error({ err: error }, `closing ${name} failed`));
    }
  }
}

export interface GracefulExit {
  /** Runs the shutdown now, as a signal would; with an error, the process exits 1 afterwards. */
  exit(error?: Error): void;
}

/**
 * Bounded graceful shutdown (close-with-grace): SIGINT, SIGTERM (and the other termination signals),
 * an uncaught exception or an unhandled rejection run `shutdown` once; the process then exits 0, or 1
 * after an error. Past `timeoutMs` it exits 1 whatever is still running; a second signal exits at once.
 */
export function exitGracefully(timeoutMs: number, logger: Logger, shutdown: (reason: string) => Promise<void>): GracefulExit {
  let failure: Error | undefined;
  let started = false;
  const grace = closeWithGrace(
    {
      delay: timeoutMs,
      logger: false,
      onTimeout: (delay) => logger.error({ timeoutMs: delay }, `shutdown did not finish within ${delay} ms; exiting now`),
      onSecondSignal: (signal) => logger.warn({ signal }, `second ${signal}: exiting now`),
      onSecondError: (error) => logger.error({ err: error }, 'another error while shutting down; exiting now'),
    },
    async ({ signal, err }) => {
      started = true;
      if (err) logger.error({ err }, 'fatal error; shutting down');
      const error = err ?? failure;
      await shutdown(signal ?? (error ? 'error' : 'exit'));
      // close-with-grace exits 1 when this rejects; the failure was logged above or by the caller.
      if (error && !err) throw error;
    },
  );
  return {
    exit(error) {
      if (started) return;
      started = true;
      failure = error;
      grace.close();
    },
  };
}
