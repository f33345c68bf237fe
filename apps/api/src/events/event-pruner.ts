import { pruneEvents } from '@gotrs/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Pool } from 'pg';

/**
 * Prunes the event log every `intervalMs` (events older than `retentionMs`), one prune at a time;
 * a failure is logged and the next interval tries again. Every API process runs one: two at once
 * delete disjoint batches or nothing. Answers the function that stops it.
 */
export function startEventPruner(pool: Pool, retentionMs: number, intervalMs: number, log: FastifyBaseLogger): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    pruneEvents(pool, retentionMs)
      .then((removed) => {
        if (removed > 0) log.info({ removed }, 'event log pruned');
      })
      .catch((error) => log.warn({ err: error }, 'event log prune failed; trying again at the next interval'))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
