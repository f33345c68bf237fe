export { TicketLifecycleWorkflow } from './ticket-lifecycle';
export type { LifecycleOutcome } from './ticket-lifecycle';
export { SLAEnforcementWorkflow } from './sla-enforcement';
export { NotificationWorkflow } from './notification';
export { EscalationWorkflow } from './escalation';
export { WebhookDispatchWorkflow } from './webhook-dispatch';
