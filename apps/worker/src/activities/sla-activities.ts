import { findSla, recordSlaProgress, type SlaProgress } from '@gotrs/db';
import type { MilestoneClock, SlaPlan, SlaPolicy, SlaSettings } from '@gotrs/sla';
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

/** What a resumed SLA run starts from: the plan and each milestone's latest clock, as recorded. */
export interface RecordedSla {
  plan: SlaPlan;
  milestones: MilestoneClock[];
}

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
    /**
     * The ticket's SLA as its earlier run recorded it, for a run started again by a reopen; null when
     * the ticket never had one. A read: repeating it is harmless.
     */
    async LoadSlaStateActivity(ticketId: string): Promise<RecordedSla | null> {
      const stored = await findSla(deps.pool, ticketId);
      return stored ? { plan: stored.plan, milestones: stored.milestones } : null;
    },
    /** Local activity: the default policy, for SLAs a Go caller starts with bare targets. */
    async GetDefaultSlaPolicyActivity(): Promise<SlaPolicy> {
      return deps.sla.policies[deps.sla.defaultPolicy]!;
    },
  });
}

export type SlaActivities = ReturnType<typeof createSlaActivities>;
