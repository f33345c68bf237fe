import type { NotificationSettings } from '@gotrs/config';
import type { SlaSettings, WorkflowSettings } from '@gotrs/contracts';
import type { TemporalGateway } from '../temporal/gateway';
import type { TicketStore } from './ticket-store';

/** What the ticket use cases need; built once per app. */
export interface TicketDeps {
  temporal: TemporalGateway;
  store: TicketStore;
  /** How long a create waits for the ticket's row before answering 202 (config api.create_wait). */
  createWaitMs: number;
  /** The SLA policies in force (config/sla.yaml and versions applied since): a create builds its ticket's SLA plan from them. */
  slaSettings(): Promise<SlaSettings>;
  /** The people directory: a person's agent ID is their entry's (config/notifications.yaml). */
  directory: NotificationSettings;
  /**
   * The workflow settings (config/temporal.yaml retry policy, activity timeouts, continue-as-new) that
   * the runs this API starts follow: recorded in their memo, so they need not ask the worker.
   */
  workflowSettings: WorkflowSettings;
}
