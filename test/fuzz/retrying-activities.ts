import type { Client } from '@temporalio/client';

/** An activity (or a workflow task) that a running workflow is retrying, as Temporal describes it. */
export interface RetryingActivity {
  workflowId: string;
  activityType: string;
  attempt: number;
  lastFailure: string;
}

/**
 * Every pending activity of the running workflows on `taskQueue` that has failed at least once. With
 * every dependency up, such an activity is retrying an error that retrying does not cure.
 */
export async function retryingActivities(client: Client, taskQueue: string): Promise<RetryingActivity[]> {
  const found: RetryingActivity[] = [];
  for await (const execution of client.workflow.list({ query: `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'` })) {
    const description = await client.workflow.getHandle(execution.workflowId, execution.runId).describe();
    const task = description.raw.pendingWorkflowTask;
    if ((task?.attempt ?? 1) > 1) {
      found.push({ workflowId: execution.workflowId, activityType: '(workflow task)', attempt: task!.attempt!, lastFailure: 'workflow task failing' });
    }
    for (const activity of description.raw.pendingActivities ?? []) {
      const attempt = activity.attempt ?? 1;
      if (attempt < 2 && !activity.lastFailure) continue;
      found.push({
        workflowId: execution.workflowId,
        activityType: activity.activityType?.name ?? '?',
        attempt,
        lastFailure: activity.lastFailure?.message ?? '',
      });
    }
  }
  return found;
}
