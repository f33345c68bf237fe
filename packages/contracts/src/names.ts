import { ESCALATION_TYPE } from './workflows/escalation';
import { NOTIFICATION_TYPE } from './workflows/notification';
import { SLA_ENFORCEMENT_TYPE } from './workflows/sla-enforcement';
import { TICKET_LIFECYCLE_TYPE } from './workflows/ticket-lifecycle';

/** Default task queue shared by the API and the worker (configurable in config/temporal.yaml). */
export const DEFAULT_TASK_QUEUE = 'gotrs-task-queue';

/** Workflow type names, as registered by Go callers and our worker alike (each from its contract module). */
export const WorkflowTypes = {
  ticketLifecycle: TICKET_LIFECYCLE_TYPE,
  slaEnforcement: SLA_ENFORCEMENT_TYPE,
  notification: NOTIFICATION_TYPE,
  escalation: ESCALATION_TYPE,
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
