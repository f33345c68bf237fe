export { DEFAULT_TASK_QUEUE, WorkflowTypes, ActivityTypes, ticketWorkflowId, slaWorkflowId } from './names';
export {
  TICKET_STATUSES,
  STATUS_ALIASES,
  STATUS_INPUTS,
  normalizeStatus,
  statusTypeOf,
  isFinalStatus,
  isAllowedTransition,
  needsPendingUntil,
} from './status';
export type { TicketStatus, StatusType } from './status';
export { PRIORITY_NAMES, DEFAULT_PRIORITY, parsePriority, priorityName } from './priority';
export type { PriorityName } from './priority';
export { TICKET_DEFAULTS, TICKET_ACTIONS, defaultTitle } from './ticket';
export type { Ticket, NewTicket, LifecycleStart, TicketEvent, TicketAction, ChangeSource } from './ticket';
export type {
  ChangeMeta,
  AssignRequest,
  StatusRequest,
  ChangeEnvelope,
  AssignCommand,
  StatusCommand,
  EventCommand,
  CreateCommand,
  ResponseRequest,
  ResponseCommand,
} from './changes';
export { TicketErrorCodes, TicketRuleError } from './errors';
export type { TicketErrorCode } from './errors';
export { DecodeError, readField, decodeNewTicket, decodeLifecycleStart, decodeAssignRequest, decodeStatusRequest } from './decode';
export {
  assignTicketSignal,
  updateStatusSignal,
  statusQuery,
  ticketQuery,
  assignUpdate,
  changeStatusUpdate,
  ticketPersistedUpdate,
  ticketStatusChangedSignal,
  milestoneCompleteSignal,
  advanceEscalationSignal,
  recordResponseUpdate,
} from './definitions';
export { MILESTONES, milestoneCompleteSignalName, decodeGoSlaConfig } from './sla';
export type { MilestoneName, MilestoneState, SlaTargets, TicketStatusNotice, MilestoneCompletion, SlaNotice } from './sla';
export { ESCALATION_CONDITIONS, escalationWorkflowId, decodeEscalationStart } from './escalation';
export type { EscalationCondition, EscalationRule, EscalationStart } from './escalation';
export { NOTIFICATION_CHANNELS, notificationWorkflowId, decodeNotificationRequest } from './notification';
export type { NotificationChannel, NotificationRequest } from './notification';
export { STORABLE_TEXT_PATTERN, STORABLE_NOT_BLANK_PATTERN, unstorableReason, isStorableText, escapeUnstorable } from './text';
export { MAX_DURATION_MS, MAX_DURATION_ISO } from './limits';
