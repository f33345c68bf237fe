/** When a supervised process that died is started again, and when we stop trying. */
export interface RestartPolicy {
  /** Wait before the first restart; doubled for each further crash in a row. */
  initialDelayMs: number;
  /** The longest wait between two restarts. */
  maxDelayMs: number;
  /** A run that lasted this long was healthy: its crash starts the count (and the wait) afresh. */
  healthyAfterMs: number;
  /** Give up after this many crashes in a row, each within `healthyAfterMs` of its start. */
  maxFastCrashes: number;
}

/** `make dev`'s policy for the worker and the API: 1 s, 2 s, 4 s, 8 s, then give up. */
export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  healthyAfterMs: 30_000,
  maxFastCrashes: 5,
};

/** What to do after a crash: restart after `delayMs`, or give up. `fastCrashes` is the new count. */
export type RestartDecision = { restart: true; delayMs: number; fastCrashes: number } | { restart: false; fastCrashes: number };

/**
 * The decision after a run that lasted `ranForMs`, when `fastCrashesBefore` fast crashes came right
 * before it. A crash after a healthy run restarts after the initial delay and counts nothing.
 */
export function afterCrash(policy: RestartPolicy, fastCrashesBefore: number, ranForMs: number): RestartDecision {
  if (ranForMs >= policy.healthyAfterMs) return { restart: true, delayMs: policy.initialDelayMs, fastCrashes: 0 };
  const fastCrashes = fastCrashesBefore + 1;
  if (fastCrashes >= policy.maxFastCrashes) return { restart: false, fastCrashes };
  const delayMs = Math.min(policy.initialDelayMs * 2 ** (fastCrashes - 1), policy.maxDelayMs);
  return { restart: true, delayMs, fastCrashes };
}
