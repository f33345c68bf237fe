export { TicketLifecycleWorkflow } from './ticket-lifecycle';
export type { LifecycleOutcome } from './ticket-lifecycle';
