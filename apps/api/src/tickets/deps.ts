import type { NotificationSettings } from '@gotrs/config';
import type { SlaSettings } from '@gotrs/contracts';
import type { TemporalGateway } from '../temporal/gateway';
import type { TicketStore } from './ticket-store';

/** What the ticket use cases need; built once per app. */
export interface TicketDeps {
  temporal: TemporalGateway;
  store: TicketStore;
  /** How long a create waits for the ticket's row before answering 202 (config api.create_wait). */
  createWaitMs: number;
  /** SLA policies (config/sla.yaml): a create builds its ticket's SLA plan from them. */
  sla: SlaSettings;
  /** The people directory: a person's agent ID is their entry's (config/notifications.yaml). */
  directory: NotificationSettings;
}
