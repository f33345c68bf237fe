export { DEFAULT_TASK_QUEUE, WorkflowTypes, ActivityTypes } from './names';
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
export { TICKET_DEFAULTS, TICKET_ACTIONS, defaultTitle, withTicketDefaults } from './ticket';
export type { Ticket, NewTicket, TicketEvent, TicketAction, ChangeSource } from './ticket';
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
export { DecodeError, readField, storable } from './fields';
export type { DecodeOptions, DecodeProblem } from './fields';
export {
  decodeNewTicket,
  decodeLifecycleStart,
  decodeAssignRequest,
  decodeStatusRequest,
  decodeResponseRequest,
  decodeTicketId,
} from './decode';
export { FailureTypes, DATA_FAILURE_TYPES, isDataFailureType } from './failures';
export type { FailureType } from './failures';
export { MILESTONES, milestoneCompleteSignalName, decodeGoSlaConfig } from './sla';
export { decodeSlaSignal } from './sla-signals';
export type { SlaSignal } from './sla-signals';
export type { MilestoneName, MilestoneState, SlaTargets, TicketStatusNotice, MilestoneCompletion, SlaNotice } from './sla';
export {
  ESCALATION_CONDITIONS,
  decodeEscalationStart,
  decodeEscalationAdvance,
  decodeEscalationCondition,
} from './escalation';
export type { EscalationCondition, EscalationRule, EscalationStart, EscalationAdvance } from './escalation';
export { NOTIFICATION_CHANNELS, decodeNotificationRequest } from './notification';
export type { NotificationChannel, NotificationRequest } from './notification';
export { STORABLE_TEXT_PATTERN, STORABLE_NOT_BLANK_PATTERN, unstorableReason, isStorableText, escapeUnstorable } from './text';
export { escapeUnstorableFields } from './storable';
export { MAX_DURATION_MS, MAX_DURATION_ISO } from './limits';
export { ACTOR_METHODS, SYSTEM_ACTORS, actorFrom, decodeActor, systemActor, temporalActor } from './actor';
export type { Actor, ActorMethod, SystemActorName } from './actor';
export {
  SearchAttributeKeys, SEARCH_ATTRIBUTES, MAX_KEYWORD_LENGTH, cliTypeName, ticketSearchAttributes, slaSearchAttributes, startSearchAttributes,
  ticketStartSearchAttributes,
} from './search-attributes';
export { REQUEST_ID_HEADER, REQUEST_ID_PATTERN, isRequestId } from './request-id';
export { WEEKDAYS, CALENDAR_24X7 } from './sla-calendar';
export type { CalendarSpec, Weekday } from './sla-calendar';
export type { WarnRule, SlaPolicy, PolicyRule, SlaSettings, MilestonePlan, SlaPlan } from './sla-plan';
export type { MilestoneClock, SlaEvent, SlaEventType, SlaClockSnapshot } from './sla-clock-state';
export type { TicketNotice, TicketNoticeEvent } from './ticket-notice';

// One module per workflow: its type name, workflow ID, input (ours and Go's), outcome, the function
// type its implementation satisfies, its messages and its failure types.
export {
  TICKET_LIFECYCLE_TYPE,
  TicketLifecycleFailures,
  ticketWorkflowId,
  assignTicketSignal,
  updateStatusSignal,
  statusQuery,
  ticketQuery,
  assignUpdate,
  changeStatusUpdate,
  ticketPersistedUpdate,
  recordResponseUpdate,
} from './workflows/ticket-lifecycle';
export type {
  LifecycleStart,
  LifecycleGoInput,
  LifecycleInput,
  LifecycleOutcome,
  LifecycleMemo,
  TicketLifecycleWorkflowFn,
} from './workflows/ticket-lifecycle';
export {
  SLA_ENFORCEMENT_TYPE,
  SlaEnforcementFailures,
  slaWorkflowId,
  ticketStatusChangedSignal,
  milestoneCompleteSignal,
  policyChangedSignal,
  slaQuery,
} from './workflows/sla-enforcement';
export type { SlaStart, SlaResume, GoSlaConfig, SlaInput, SlaSnapshot, SlaMemo, SlaEnforcementWorkflowFn, SlaPolicyChange } from './workflows/sla-enforcement';
export { ESCALATION_TYPE, EscalationFailures, escalationWorkflowId, advanceEscalationSignal } from './workflows/escalation';
export type {
  GoEscalationRule,
  EscalationInput,
  FiredBy,
  FiredLevel,
  EscalationStop,
  EscalationOutcome,
  EscalationWorkflowFn,
} from './workflows/escalation';
export { NOTIFICATION_TYPE, NotificationFailures, notificationWorkflowId } from './workflows/notification';
export type {
  GoNotificationRequest,
  NotificationInput,
  NotificationOutcomeStatus,
  NotificationResult,
  NotificationMemo,
  NotificationWorkflowFn,
} from './workflows/notification';
export { failureType, failureMessage } from './failure-reading';
export { EVENT_TYPES, SLA_EVENT_TYPES, isEventType } from './events';
export type { EventType } from './events';
export { WEBHOOK_DISPATCH_WORKFLOW, webhookDispatchWorkflowId, webhookMessageId, webhookWakeSignal } from './webhooks';
export type { WebhookDispatchInput, WebhookDispatchResult } from './webhooks';
export { decodeWorkflowSettings, MIN_CONTINUE_AS_NEW_AFTER_EVENTS } from './workflow-settings';
export type { WorkflowSettings, RetrySettings, WorkflowSettingsMemo } from './workflow-settings';
