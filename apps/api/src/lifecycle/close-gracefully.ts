import closeWithGrace from 'close-with-grace';
import type { FastifyBaseLogger } from 'fastify';

/**
 * Bounded graceful shutdown (close-with-grace): SIGINT, SIGTERM (and the other termination signals),
 * an uncaught exception or an unhandled rejection run `close` once, then the process exits 0 (1 after
 * an error). Past `timeoutMs` it exits 1 whatever is still open; a second signal exits at once.
 */
export function closeGracefully(timeoutMs: number, logger: FastifyBaseLogger, close: () => Promise<void>): void {
  closeWithGrace(
    {
      delay: timeoutMs,
      logger: false,
      onTimeout: (delay) => logger.error({ timeoutMs: delay }, `shutdown did not finish within ${delay} ms; exiting now`),
      onSecondSignal: (signal) => logger.warn({ signal }, `second ${signal}: exiting now`),
      onSecondError: (error) => logger.error({ err: error }, 'another error while shutting down; exiting now'),
    },
    async ({ signal, err }) => {
      if (err) logger.error({ err }, 'fatal error; shutting down');
      logger.info({ signal: signal ?? 'error' }, 'shutting down: finishing the requests in flight');
      await close();
      logger.info('stopped');
    },
  );
}
