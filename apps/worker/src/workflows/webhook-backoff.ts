import type { WebhookDispatchSettings } from '../activities/webhook-activities';

/** The wait after failed attempt `attempt` (1-based): initial × coefficient^(attempt-1), at most the maximum. */
export function backoffMs(retry: WebhookDispatchSettings['retry'], attempt: number): number {
  const grown = retry.initialIntervalMs * retry.backoffCoefficient ** (attempt - 1);
  return Math.min(Math.round(grown), retry.maximumIntervalMs);
}

/**
 * Whether attempt `attempt`, made `elapsedMs` after the event's first attempt, is its last: the next
 * one would come more than retry_for after the first.
 */
export function isLastAttempt(retry: WebhookDispatchSettings['retry'], attempt: number, elapsedMs: number): boolean {
  return elapsedMs + backoffMs(retry, attempt) > retry.retryForMs;
}

/** The larger of two event ids (decimal strings, or null for "none yet"). */
export function laterEventId(a: string | null, b: string): string {
  return a === null || BigInt(b) > BigInt(a) ? b : a;
}
