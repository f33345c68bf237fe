import { proxyActivities, proxyLocalActivities, type ActivityOptions } from '@temporalio/workflow';
import type { WorkflowSettings } from '@gotrs/config';
import { DATA_FAILURE_TYPES } from '@gotrs/contracts';
import type { Activities } from '../activities';

/** The worker's workflow settings, fetched once per run and recorded in history as a marker. */
export function loadSettings(): Promise<WorkflowSettings> {
  const { GetWorkflowSettingsActivity } = proxyLocalActivities<Activities>({ startToCloseTimeout: '10 seconds' });
  return GetWorkflowSettingsActivity();
}

function options(settings: WorkflowSettings, maximumAttempts: number): ActivityOptions {
  const retry = settings.retryPolicy;
  return {
    startToCloseTimeout: settings.startToCloseTimeoutMs,
    retry: {
      initialInterval: retry.initialIntervalMs,
      backoffCoefficient: retry.backoffCoefficient,
      maximumInterval: retry.maximumIntervalMs,
      // Temporal treats an absent limit as unlimited; the TypeScript SDK refuses 0.
      ...(maximumAttempts > 0 ? { maximumAttempts } : {}),
      // Retrying cannot fix the data itself (the activities already raise these as non-retryable).
      nonRetryableErrorTypes: [...DATA_FAILURE_TYPES],
    },
  };
}

/** Activities that write accepted work: they retry until PostgreSQL is back (data failures excepted). */
export function persistenceActivities<A extends object = Activities>(settings: WorkflowSettings) {
  return proxyActivities<A>(options(settings, settings.persistenceMaximumAttempts));
}

/** Activities with the seed's retry policy as configured (5 attempts by default). */
export function defaultActivities<A extends object = Activities>(settings: WorkflowSettings) {
  return proxyActivities<A>(options(settings, settings.retryPolicy.maximumAttempts));
}
