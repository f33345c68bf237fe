import { recordSlaProgress, type SlaProgress } from '@gotrs/db';
import type { SlaPolicy, SlaSettings } from '@gotrs/sla';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { classified } from './activity-errors';

export interface SlaActivityDeps {
  pool: Pool;
  logger: Logger;
  sla: SlaSettings;
}

/** Input of `SLABreachActivity`: the breach event with the milestone's clock at that moment. */
export type BreachRecord = SlaProgress & { events: [SlaProgress['events'][number]] };

/** Activities of `SLAEnforcementWorkflow`; each is idempotent through its events' keys. */
export function createSlaActivities(deps: SlaActivityDeps) {
  return classified(deps.logger, {
    /** Records SLA events (once each) and the clocks' latest state, and the plan on the first call. */
    async RecordSlaEventsActivity(progress: SlaProgress): Promise<void> {
      await recordSlaProgress(deps.pool, progress);
    },
    /** Records a milestone's breach (the seed's activity); once per milestone cycle. */
    async SLABreachActivity(breach: BreachRecord): Promise<void> {
      const [event] = breach.events;
      deps.logger.warn({ ticketId: breach.ticketId, milestone: event.milestone, cycle: event.cycle, lateMs: event.at - (event.dueAt ?? event.at) }, 'SLA breached');
      await recordSlaProgress(deps.pool, breach);
    },
    /** Local activity: the default policy, for SLAs a Go caller starts with bare targets. */
    async GetDefaultSlaPolicyActivity(): Promise<SlaPolicy> {
      return deps.sla.policies[deps.sla.defaultPolicy]!;
    },
  });
}
