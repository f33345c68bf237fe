import type { WorkflowSettings } from '@gotrs/config';
import { createEscalationActivities, type EscalationActivityDeps } from './escalation-activities';
import { createNotificationActivities, type NotificationActivityDeps } from './notification-activities';
import { createSlaActivities, type SlaActivityDeps } from './sla-activities';
import { createTicketActivities, type TicketActivityDeps } from './ticket-activities';
import { createWebhookActivities, type WebhookActivityDeps } from './webhook-activities';

export interface ActivityDeps extends TicketActivityDeps, SlaActivityDeps, NotificationActivityDeps, EscalationActivityDeps, WebhookActivityDeps {
  settings: WorkflowSettings;
}

/** Every activity the worker registers, built from injected dependencies so tests can swap them. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createTicketActivities(deps),
    ...createSlaActivities(deps),
    ...createNotificationActivities(deps),
    ...createEscalationActivities(deps),
    ...createWebhookActivities(deps),
    /** Local activity: hands the worker's configured activity options to workflows. */
    async GetWorkflowSettingsActivity(): Promise<WorkflowSettings> {
      return deps.settings;
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
