import { MAX_DURATION_MS } from './limits';

/** Retry policy in milliseconds, shaped like Temporal's RetryPolicy. `maximumAttempts` 0 = unlimited. */
export interface RetrySettings {
  initialIntervalMs: number;
  backoffCoefficient: number;
  maximumIntervalMs: number;
  maximumAttempts: number;
}

/**
 * What workflows need from configuration (config/temporal.yaml `temporal.retry_policy`, `activities`,
 * `lifecycle`). The product's starters record theirs in the run's memo ({@link WorkflowSettingsMemo});
 * a run started without them (a Go caller's) asks the worker once, by a local activity.
 */
export interface WorkflowSettings {
  retryPolicy: RetrySettings;
  startToCloseTimeoutMs: number;
  persistenceMaximumAttempts: number;
  continueAsNewAfterEvents: number;
}

/** The memo field in which a starter records the workflow settings the run follows. */
export type WorkflowSettingsMemo = {
  workflowSettings?: WorkflowSettings;
};

/** The fewest events after which a run may continue as new (config's lower bound). */
export const MIN_CONTINUE_AS_NEW_AFTER_EVENTS = 100;

/** Temporal's retry policy counts attempts in an int32. */
const MAX_ATTEMPTS = 2 ** 31 - 1;

const isCount = (value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
/** A duration within the product's ceiling for every duration it takes (366 days, MAX_DURATION_MS). */
const isMs = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= MAX_DURATION_MS;

/**
 * The settings a memo's `workflowSettings` holds, checked as config checks them and within the
 * product's limits (durations up to 366 days, as every duration it takes; attempts within the int32 of
 * Temporal's RetryPolicy); undefined for anything else (absent, or a Go caller's memo of another
 * shape), which the run then asks the worker for.
 */
export function decodeWorkflowSettings(value: unknown): WorkflowSettings | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { retryPolicy, startToCloseTimeoutMs, persistenceMaximumAttempts, continueAsNewAfterEvents } = value as Partial<Record<keyof WorkflowSettings, unknown>>;
  if (typeof retryPolicy !== 'object' || retryPolicy === null) return undefined;
  const { initialIntervalMs, backoffCoefficient, maximumIntervalMs, maximumAttempts } = retryPolicy as Partial<Record<keyof RetrySettings, unknown>>;
  const valid = isMs(initialIntervalMs) && typeof backoffCoefficient === 'number' && Number.isFinite(backoffCoefficient) && backoffCoefficient >= 1
    && isMs(maximumIntervalMs) && isCount(maximumAttempts, 0, MAX_ATTEMPTS) && isMs(startToCloseTimeoutMs) && isCount(persistenceMaximumAttempts, 0, MAX_ATTEMPTS)
    && isCount(continueAsNewAfterEvents, MIN_CONTINUE_AS_NEW_AFTER_EVENTS);
  if (!valid) return undefined;
  return {
    retryPolicy: { initialIntervalMs, backoffCoefficient, maximumIntervalMs, maximumAttempts },
    startToCloseTimeoutMs, persistenceMaximumAttempts, continueAsNewAfterEvents,
  };
}
