/** Default task queue shared by the API and the worker (configurable in config/temporal.yaml). */
export const DEFAULT_TASK_QUEUE = 'gotrs-task-queue';

/** Workflow type names, as registered by Go callers and our worker alike. */
export const WorkflowTypes = {
  ticketLifecycle: 'TicketLifecycleWorkflow',
  slaEnforcement: 'SLAEnforcementWorkflow',
  notification: 'NotificationWorkflow',
  escalation: 'EscalationWorkflow',
} as const;

/** Activity type names (the Go `Activities` struct's method names). */
export const ActivityTypes = {
  createTicket: 'CreateTicketActivity',
  assignTicket: 'AssignTicketActivity',
  updateTicketStatus: 'UpdateTicketStatusActivity',
  recordTicketEvent: 'RecordTicketEventActivity',
  escalateTicket: 'EscalateTicketActivity',
  recordResponse: 'RecordResponseActivity',
  slaBreach: 'SLABreachActivity',
  notifyManagers: 'NotifyManagersActivity',
  sendEmail: 'SendEmailActivity',
  sendInAppNotification: 'SendInAppNotificationActivity',
  logNotification: 'LogNotificationActivity',
  checkEscalationCondition: 'CheckEscalationConditionActivity',
  escalateToNextLevel: 'EscalateToNextLevelActivity',
  notifyEscalation: 'NotifyEscalationActivity',
} as const;

/** Workflow ID of a ticket's lifecycle workflow. */
export function ticketWorkflowId(ticketId: string): string {
  return `ticket-${ticketId}`;
}

/** Workflow ID of a ticket's SLA workflow. */
export function slaWorkflowId(ticketId: string): string {
  return `sla-${ticketId}`;
}
