import type {
  EscalationWorkflowFn,
  NotificationWorkflowFn,
  SlaEnforcementWorkflowFn,
  TicketLifecycleWorkflowFn,
} from '@gotrs/contracts';
import type { EscalationWorkflow } from './escalation';
import type { NotificationWorkflow } from './notification';
import type { SLAEnforcementWorkflow } from './sla-enforcement';
import type { TicketLifecycleWorkflow } from './ticket-lifecycle';

export { TicketLifecycleWorkflow } from './ticket-lifecycle';
export { SLAEnforcementWorkflow } from './sla-enforcement';
export { NotificationWorkflow } from './notification';
export { EscalationWorkflow } from './escalation';
export { WebhookDispatchWorkflow } from './webhook-dispatch';

type Implements<Implementation extends Contract, Contract> = Implementation;

/**
 * Compile-time only: each workflow satisfies the function type of its contract module, which the
 * API's starts are typed by. A changed input or outcome on either side fails the build.
 */
export type WorkflowContracts = [
  Implements<typeof TicketLifecycleWorkflow, TicketLifecycleWorkflowFn>,
  Implements<typeof SLAEnforcementWorkflow, SlaEnforcementWorkflowFn>,
  Implements<typeof NotificationWorkflow, NotificationWorkflowFn>,
  Implements<typeof EscalationWorkflow, EscalationWorkflowFn>,
];
