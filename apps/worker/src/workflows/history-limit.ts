import { workflowInfo } from '@temporalio/workflow';
import type { WorkflowSettings } from '@gotrs/config';

/** Whether the run should continue as new: Temporal suggests it, or its history reached the configured size. */
export function historyIsLong(settings: WorkflowSettings): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength >= settings.continueAsNewAfterEvents;
}
