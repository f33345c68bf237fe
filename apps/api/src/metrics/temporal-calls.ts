import type { Counter, Histogram } from 'prom-client';
import { TemporalDeadlineError } from '../temporal/deadline';
import { isTemporalUnreachable } from '../temporal/failures';

/** Told of every Temporal call the gateway makes: its operation, how long it took, and how it ended. */
export type TemporalCallObserver = (operation: string, seconds: number, result: 'ok' | { error: unknown }) => void;

/** Why a call failed: our deadline fired, Temporal could not be reached, or Temporal answered no. */
function reasonOf(error: unknown): 'deadline' | 'unavailable' | 'rejected' {
  if (error instanceof TemporalDeadlineError) return 'deadline';
  return isTemporalUnreachable(error) ? 'unavailable' : 'rejected';
}

/**
 * Records calls in the duration histogram (outcome `ok`, `rejected` or `unavailable`) and failures by
 * reason. A rejection (an Update's validator said no, the workflow already exists or is not found) is
 * Temporal working as asked; `deadline` and `unavailable` are Temporal or the worker not keeping up.
 */
export function temporalCallObserver(duration: Histogram<'operation' | 'outcome'>, failures: Counter<'operation' | 'reason'>): TemporalCallObserver {
  return (operation, seconds, result) => {
    if (result === 'ok') {
      duration.observe({ operation, outcome: 'ok' }, seconds);
      return;
    }
    const reason = reasonOf(result.error);
    duration.observe({ operation, outcome: reason === 'rejected' ? 'rejected' : 'unavailable' }, seconds);
    failures.inc({ operation, reason });
  };
}
