import type { WorkflowSettings } from '@gotrs/config';
import { createTicketActivities, type TicketActivityDeps } from './ticket-activities';

export interface ActivityDeps extends TicketActivityDeps {
  settings: WorkflowSettings;
}

/** Every activity the worker registers, built from injected dependencies so tests can swap them. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createTicketActivities(deps),
    /** Local activity: hands the worker's configured activity options to workflows. */
    async GetWorkflowSettingsActivity(): Promise<WorkflowSettings> {
      return deps.settings;
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
