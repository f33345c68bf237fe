import type { Duration } from '@temporalio/common';
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

/**
 * Below this backoff a local activity's retry waits in the worker; above it, on a durable timer
 * (the local activity is scheduled again by a later workflow task). A long PostgreSQL outage thus
 * costs one timer per retry instead of a workflow-task heartbeat every few seconds, holds no task
 * open, and the retry survives a worker restart.
 */
const LOCAL_RETRY_THRESHOLD = '2 seconds';

/**
 * The same writes as {@link persistenceActivities}, run as local activities: their result is a
 * marker in the workflow task that asked for them (no scheduled/started/completed events, no round
 * trip through the task queue). Same retry policy (until PostgreSQL is back, data failures excepted),
 * same idempotent change IDs, so a task that is retried elsewhere writes nothing twice.
 */
export function localPersistenceActivities<A extends object = Activities>(settings: WorkflowSettings) {
  return proxyLocalActivities<A>({ ...options(settings, settings.persistenceMaximumAttempts), localRetryThreshold: LOCAL_RETRY_THRESHOLD });
}

/**
 * The seed's retry policy (as {@link defaultActivities}) for local activities: a ticket's notices,
 * which start their NotificationWorkflows under IDs derived from the notice, so a retry starts none twice.
 */
export function localDefaultActivities<A extends object = Activities>(settings: WorkflowSettings) {
  return proxyLocalActivities<A>({ ...options(settings, settings.retryPolicy.maximumAttempts), localRetryThreshold: LOCAL_RETRY_THRESHOLD });
}

/**
 * One attempt as a local activity, bounded by `timeout`: for work that is cheap while all is well and
 * must not hold up its workflow task when it is not (the workflow task cannot complete while one of
 * its local activities runs). The caller falls back to an activity task when this attempt fails.
 */
export function boundedLocalActivities<A extends object = Activities>(timeout: Duration) {
  return proxyLocalActivities<A>({ startToCloseTimeout: timeout, retry: { maximumAttempts: 1 } });
}

/** Activities with the seed's retry policy as configured (5 attempts by default). */
export function defaultActivities<A extends object = Activities>(settings: WorkflowSettings) {
  return proxyActivities<A>(options(settings, settings.retryPolicy.maximumAttempts));
}
